using Wyvern.OpenFlow.Matching;

namespace Wyvern.Pipeline;

/// <summary>
/// A flow's identity in OpenFlow: table, priority and match. Two flows with
/// the same key are the same flow to the switch (OF 1.3.5 §6.4: an add with
/// an identical match and priority replaces it).
/// </summary>
public readonly record struct FlowKey(TableId Table, ushort Priority, Match Match)
{
    public override string ToString() => $"table={(byte)Table},priority={Priority},{Match}";
}
