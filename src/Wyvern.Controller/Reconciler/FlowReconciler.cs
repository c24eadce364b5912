using Wyvern.Controller.Engine;
using Wyvern.OpenFlow.Messages;
using Wyvern.Pipeline;

namespace Wyvern.Controller.Reconciler;

/// <summary>
/// Keeps the switch equal to the desired flow table by sending only differences.
/// <para>Invariants:</para>
/// <list type="bullet">
/// <item><see cref="Installed"/> is what the switch holds of Wyvern's flows (cookie marker), as last read or acknowledged.</item>
/// <item>A diff compares desired and installed by (table, priority, match): missing → add, extra → delete, different instructions or cookie → modify_strict. Unchanged flows are never touched, so a resync after a restart sends nothing and drops nothing.</item>
/// <item><see cref="Acknowledge"/> is called only after the switch confirmed the diff (bundle commit + barrier); until then a diff can be recomputed and resent.</item>
/// <item>An installed flow found equal on the switch to the desired one is held as the desired instance, not as a copy decoded from a dump: after a restart the set would otherwise duplicate the whole desired table (~100 MB at 10,000 ports).</item>
/// </list>
/// </summary>
public sealed class FlowReconciler
{
    private readonly Dictionary<FlowKey, FlowSpec> _installed = [];

    /// <summary>Wyvern's flows on the switch.</summary>
    public IReadOnlyDictionary<FlowKey, FlowSpec> Installed => _installed;

    /// <summary>Replaces what we believe is installed with a dump of the switch (on connect).</summary>
    public void ResetInstalled(IEnumerable<FlowStats> dumped, DesiredFlowTable? desired = null)
    {
        BeginReset();
        foreach (var flow in dumped)
        {
            AddDumped(flow, desired);
        }
        EndReset();
    }

    /// <summary>
    /// Forgets what we believed installed; a dump of about <paramref name="expected"/> flows
    /// follows, flow by flow (<see cref="AddDumped"/>). Sized up front: a set of 130,000 grown by
    /// doubling leaves ~5 MB of discarded large arrays behind, at a restart's peak.
    /// </summary>
    public void BeginReset(int expected = 0)
    {
        _installed.Clear();
        _installed.EnsureCapacity(expected);
    }

    /// <summary>
    /// Records one flow of a dump (those without a Wyvern cookie are not ours and are skipped).
    /// A flow the desired table has exactly as the switch holds it is recorded as the desired
    /// instance itself, so the decoded copy is garbage at once: a restarted controller at 10,000
    /// ports dumps ~130,000 flows, and holding every decoded copy until the first diff doubled
    /// the flow state at the very moment the whole model had just been compiled.
    /// </summary>
    public void AddDumped(FlowStats flow, DesiredFlowTable? desired)
    {
        ArgumentNullException.ThrowIfNull(flow);
        if (FlowCookie.AppOf(flow.Cookie) is not { } app)
        {
            return;
        }
        var key = new FlowKey((TableId)flow.TableId, flow.Priority, flow.Match);
        var spec = desired?.Get(key) is { } want && want.App == app && want.Instructions == flow.Instructions
            ? want
            : new FlowSpec(key.Table, key.Priority, flow.Match, flow.Instructions, app, "switch");
        _installed[spec.Key] = spec;
    }

    /// <summary>Ends a dump: the set's spare room goes back.</summary>
    public void EndReset() => DesiredFlowTable.TrimSlack(_installed);

    /// <summary>The difference for the keys that may have changed.</summary>
    public FlowDiff Diff(DesiredFlowTable desired, IEnumerable<FlowKey> keys)
    {
        var deletes = new List<FlowSpec>();
        var adds = new List<FlowSpec>();
        var modifies = new List<FlowSpec>();
        List<FlowSpec>? shared = null;
        foreach (var key in keys)
        {
            var want = desired.Get(key);
            var have = _installed.GetValueOrDefault(key);
            if (want is null && have is not null)
            {
                deletes.Add(have);
            }
            else if (want is not null && have is null)
            {
                adds.Add(want);
            }
            else if (want is not null && have is not null)
            {
                if (!want.SameOnSwitch(have))
                {
                    modifies.Add(want);
                }
                else if (!ReferenceEquals(want, have))
                {
                    (shared ??= []).Add(want);
                }
            }
        }
        foreach (var f in shared ?? [])
        {
            // The key too: it holds the dumped copy's match.
            _installed.Remove(f.Key);
            _installed.Add(f.Key, f);
        }
        return deletes.Count + adds.Count + modifies.Count == 0 ? FlowDiff.Empty : new FlowDiff(deletes, adds, modifies);
    }

    /// <summary>The difference over every desired and installed flow.</summary>
    public FlowDiff FullDiff(DesiredFlowTable desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        // Every desired key, then the installed keys nothing desires: each key once, without a
        // set of all of them (130,000 at 10,000 ports, built at a restart's peak).
        var undesired = _installed.Keys.Where(k => desired.Get(k) is null).ToList();
        return Diff(desired, desired.All.Select(f => f.Key).Concat(undesired));
    }

    /// <summary>
    /// Makes room for <paramref name="diff"/>'s adds before its parts are acknowledged one by
    /// one: 130,000 adds into a set growing by doubling left ~6 MB of discarded large arrays
    /// behind during a first install, at the time of the controller's peak.
    /// </summary>
    public void Reserve(FlowDiff diff) => _installed.EnsureCapacity(_installed.Count + diff.Adds.Count);

    /// <summary>Entries the installed set has room for.</summary>
    internal int InstalledCapacity => _installed.Capacity;

    /// <summary>Records that the switch applied <paramref name="diff"/>.</summary>
    public void Acknowledge(FlowDiff diff)
    {
        foreach (var d in diff.Deletes)
        {
            _installed.Remove(d.Key);
        }
        foreach (var f in diff.Adds.Concat(diff.Modifies))
        {
            _installed[f.Key] = f;
        }
    }

    /// <summary>
    /// Gives back the installed set's growth slack; called once after a bulk sync,
    /// not per acknowledged part (each trim rehashes the whole set).
    /// </summary>
    public void TrimAfterBulk() => DesiredFlowTable.TrimSlack(_installed);
}
