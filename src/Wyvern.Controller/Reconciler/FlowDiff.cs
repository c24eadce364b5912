using Wyvern.OpenFlow.Messages;
using Wyvern.Pipeline;

namespace Wyvern.Controller.Reconciler;

/// <summary>What must change on the switch: flows to remove, to add and to modify in place.</summary>
public sealed record FlowDiff(IReadOnlyList<FlowSpec> Deletes, IReadOnlyList<FlowSpec> Adds, IReadOnlyList<FlowSpec> Modifies)
{
    /// <summary>No change.</summary>
    public static FlowDiff Empty { get; } = new([], [], []);

    /// <summary>True when there is nothing to send.</summary>
    public bool IsEmpty => Deletes.Count == 0 && Adds.Count == 0 && Modifies.Count == 0;

    /// <summary>Number of flow mods.</summary>
    public int Count => Deletes.Count + Adds.Count + Modifies.Count;

    /// <summary>
    /// Splits the diff into parts of at most <paramref name="maxFlowMods"/>
    /// flow mods, keeping the order (deletes, adds, modifies). An empty diff has no parts.
    /// </summary>
    public IEnumerable<FlowDiff> Split(int maxFlowMods)
    {
        if (IsEmpty)
        {
            yield break;
        }
        if (Count <= maxFlowMods)
        {
            yield return this;
            yield break;
        }
        var items = Deletes.Select(f => (Kind: 0, Flow: f)).Concat(Adds.Select(f => (Kind: 1, Flow: f))).Concat(Modifies.Select(f => (Kind: 2, Flow: f)));
        foreach (var chunk in items.Chunk(maxFlowMods))
        {
            yield return new FlowDiff(
                [.. chunk.Where(c => c.Kind == 0).Select(c => c.Flow)],
                [.. chunk.Where(c => c.Kind == 1).Select(c => c.Flow)],
                [.. chunk.Where(c => c.Kind == 2).Select(c => c.Flow)]);
        }
    }

    /// <summary>This diff without <paramref name="left"/> (flows the switch rejected: not applied).</summary>
    public FlowDiff Without(IReadOnlySet<FlowSpec> left) =>
        new([.. Deletes.Where(f => !left.Contains(f))], [.. Adds.Where(f => !left.Contains(f))], [.. Modifies.Where(f => !left.Contains(f))]);

    /// <summary>The flow mods, deletes first, then adds and modifies (DESIGN.md "The controller").</summary>
    public IEnumerable<FlowMod> ToFlowMods() =>
        Deletes.Select(FlowMods.Delete).Concat(Adds.Select(FlowMods.Add)).Concat(Modifies.Select(FlowMods.Modify));
}
