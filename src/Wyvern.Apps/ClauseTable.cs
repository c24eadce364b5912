using Wyvern.OpenFlow.Actions;
using Wyvern.OpenFlow.Matching;
using Wyvern.Pipeline;
using static Wyvern.Apps.Flows;

namespace Wyvern.Apps;

/// <summary>
/// Collects conjunction clauses by (table, priority, match), so that clauses of
/// several rules that need the same match become one flow with several
/// conjunction actions (a switch keeps one flow per match and priority).
/// Flows come out in the order their match was first added.
/// </summary>
internal sealed class ClauseTable
{
    private readonly Dictionary<(TableId Table, ushort Priority, Match Match), List<OfpAction>> _clauses = [];

    public void Add(TableId table, ushort priority, Match match, NxConjunctionAction clause)
    {
        if (!_clauses.TryGetValue((table, priority, match), out var actions))
        {
            _clauses[(table, priority, match)] = actions = [];
        }
        if (!actions.Contains(clause))
        {
            actions.Add(clause);
        }
    }

    public void AddTo(ICollection<FlowSpec> flows, AppId app, Owner owner)
    {
        foreach (var ((table, priority, match), actions) in _clauses)
        {
            flows.Add(Make(table, priority, match, app, owner, Apply([.. actions])));
        }
    }
}
