using Wyvern.OpenFlow;
using Wyvern.OpenFlow.Instructions;
using Wyvern.OpenFlow.Matching;

namespace Wyvern.Pipeline;

/// <summary>
/// One desired flow, as an app computes it: where it goes (table, priority,
/// match), what it does (instructions), which app made it and which logical
/// object owns it (so a change to that object replaces exactly its flows).
/// Value-equal.
/// </summary>
public sealed record FlowSpec(TableId Table, ushort Priority, Match Match, ValueArray<OfpInstruction> Instructions, AppId App, string Owner)
{
    /// <summary>The flow's identity on the switch.</summary>
    public FlowKey Key => new(Table, Priority, Match);

    /// <summary>The cookie the flow is installed with.</summary>
    public ulong Cookie => FlowCookie.For(App);

    /// <summary>True when the switch would hold the same flow for both (owner aside).</summary>
    public bool SameOnSwitch(FlowSpec other) =>
        Key == other.Key && Instructions == other.Instructions && App == other.App;
}
