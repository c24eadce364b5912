using System.Collections.Immutable;
using Wyvern.Ovsdb.Monitoring;
using Wyvern.Ovsdb.Rows;

namespace Wyvern.Ovsdb.Binding;

/// <summary>
/// The binding's state between batches: the view, and which Interface rows belong to the
/// integration bridge (ready or not). A batch that only modifies such Interface rows — the
/// common case: vswitchd writing ofport, link state, statistics — is applied to those rows
/// alone; anything else (ports added or removed, bridges changed, a resync) recomputes the
/// view from the snapshot. Both paths give the same view (tested).
/// </summary>
internal sealed record LocalPortState(LocalPortView View, ImmutableHashSet<Guid> BridgeInterfaces, string BridgeName)
{
    public static LocalPortState Initial(string bridgeName) => new(LocalPortView.Empty, [], bridgeName);

    /// <summary>Applies one monitor batch; returns the next state and the events, in order.</summary>
    public (LocalPortState Next, IReadOnlyList<LocalPortEvent> Events) Apply(OvsdbMonitorUpdate update)
    {
        if (update.Kind == OvsdbMonitorUpdateKind.Update
            && update.Changes.All(c => c.Table == InterfaceRow.Table && c.Kind == OvsdbRowChangeKind.Modify))
        {
            var upserts = new List<LocalPort>();
            var removals = new List<Guid>();
            foreach (var change in update.Changes)
            {
                if (!BridgeInterfaces.Contains(change.Uuid))
                {
                    continue;
                }

                if (LocalPortBindingMonitor.ToLocalPort(InterfaceRow.From(change.New!)) is { } port)
                {
                    upserts.Add(port);
                }
                else
                {
                    removals.Add(change.Uuid);
                }
            }

            var incremental = View.With(upserts, removals);
            return (this with { View = incremental }, View.DiffTo(incremental, [.. upserts.Select(u => u.InterfaceUuid), .. removals]));
        }

        var (view, interfaces) = LocalPortBindingMonitor.ComputeWithMembers(update.View, BridgeName);
        return (this with { View = view, BridgeInterfaces = interfaces }, View.DiffTo(view));
    }
}
