using Wyvern.Pipeline;

namespace Wyvern.Controller.Engine;

/// <summary>
/// The flows the controller wants on the switch, grouped by owner.
/// <para>Invariants:</para>
/// <list type="bullet">
/// <item>Replacing an owner's flows touches only that owner's entries; the keys whose effective flow changed are recorded as dirty for the reconciler.</item>
/// <item>When two owners want the same key (table, priority, match), the owner that sorts first wins, so the result does not depend on the order of changes (incremental == full recompute).</item>
/// </list>
/// </summary>
public sealed class DesiredFlowTable
{
    private static readonly FlowSpec[] None = [];
    private readonly Dictionary<string, FlowSpec[]> _byOwner = new(StringComparer.Ordinal);
    private readonly Dictionary<FlowKey, List<FlowSpec>> _byKey = [];
    private readonly HashSet<FlowKey> _dirty = [];

    /// <summary>Number of distinct flows.</summary>
    public int Count => _byKey.Count;

    /// <summary>Number of owners with at least one flow.</summary>
    public int OwnerCount => _byOwner.Count;

    /// <summary>The effective flow for <paramref name="key"/>, or null.</summary>
    public FlowSpec? Get(FlowKey key) => _byKey.TryGetValue(key, out var list) ? list[0] : null;

    /// <summary>Every effective flow.</summary>
    public IEnumerable<FlowSpec> All => _byKey.Values.Select(l => l[0]);

    /// <summary>The flows currently owned by <paramref name="owner"/>.</summary>
    public IReadOnlyList<FlowSpec> OwnedBy(string owner) => _byOwner.GetValueOrDefault(owner, None);

    /// <summary>All owners.</summary>
    public IEnumerable<string> Owners => _byOwner.Keys;

    /// <summary>Replaces every flow of <paramref name="owner"/> with <paramref name="flows"/>.</summary>
    public void Replace(string owner, IReadOnlyCollection<FlowSpec> flows)
    {
        var old = _byOwner.GetValueOrDefault(owner, None);
        if (old.Length == flows.Count && old.AsSpan().SequenceEqual(flows.ToArray()))
        {
            return;
        }
        foreach (var f in old)
        {
            RemoveContribution(f);
        }
        if (flows.Count == 0)
        {
            _byOwner.Remove(owner);
            return;
        }
        _byOwner[owner] = [.. flows];
        foreach (var f in flows)
        {
            AddContribution(f);
        }
    }

    /// <summary>Returns and clears the keys whose effective flow may have changed since the last call.</summary>
    public IReadOnlyCollection<FlowKey> TakeDirty()
    {
        var dirty = _dirty.ToArray();
        _dirty.Clear();
        return dirty;
    }

    /// <summary>Marks every key dirty (after a switch reconnect or a full resync).</summary>
    public void MarkAllDirty() => _dirty.UnionWith(_byKey.Keys);

    private void AddContribution(FlowSpec flow)
    {
        if (!_byKey.TryGetValue(flow.Key, out var list))
        {
            _byKey[flow.Key] = [flow];
            _dirty.Add(flow.Key);
            return;
        }
        var i = 0;
        while (i < list.Count && string.CompareOrdinal(list[i].Owner, flow.Owner) <= 0)
        {
            i++;
        }
        list.Insert(i, flow);
        if (i == 0)
        {
            _dirty.Add(flow.Key);
        }
    }

    private void RemoveContribution(FlowSpec flow)
    {
        if (!_byKey.TryGetValue(flow.Key, out var list))
        {
            return;
        }
        var i = list.IndexOf(flow);
        if (i < 0)
        {
            return;
        }
        list.RemoveAt(i);
        if (list.Count == 0)
        {
            _byKey.Remove(flow.Key);
        }
        if (i == 0)
        {
            _dirty.Add(flow.Key);
        }
    }
}
