using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Wyvern.OpenFlow;
using Wyvern.OpenFlow.Instructions;
using Wyvern.Pipeline;

namespace Wyvern.Controller.Engine;

/// <summary>
/// The flows the controller wants on the switch, grouped by owner.
/// <para>Invariants:</para>
/// <list type="bullet">
/// <item>Replacing an owner's flows touches only that owner's entries; the keys whose effective flow changed are recorded as dirty for the reconciler.</item>
/// <item>When two owners want the same key (table, priority, match), the owner that sorts first wins, so the result does not depend on the order of changes (incremental == full recompute).</item>
/// <item>Flows held here with equal instructions hold one instance of them (counted: the last flow to let go of a list drops it), and every flow of an owner holds the one owner string.</item>
/// </list>
/// </summary>
public sealed class DesiredFlowTable
{
    private static readonly FlowSpec[] None = [];
    private readonly Dictionary<string, FlowSpec[]> _byOwner = new(StringComparer.Ordinal);

    // The effective flow of each key. A key wanted by more than one owner (rare)
    // also has every contribution, in owner order, in _contested. One flow
    // object per key instead of a list per key: at 10,000 ports this table
    // holds ~140,000 flows, and a list per key cost ~80 bytes each.
    private readonly Dictionary<FlowKey, FlowSpec> _byKey = [];
    private readonly Dictionary<FlowKey, List<FlowSpec>> _contested = [];
    private HashSet<FlowKey> _dirty = [];

    // A bulk recompute (MarkBulk): every key of _byKey counts as dirty, and _dirty holds only
    // keys that were removed. Tracking 130,000 dirty keys one by one (a set grown by doubling,
    // then copied) was ~10 MB at the moment a first compile peaks.
    private bool _bulk;

    // Apps build a fresh instruction list per flow, but many flows do the same thing (at
    // 10,000 ports: 61,000 distinct lists among 172,000 flows, ~170 bytes each).
    private readonly Dictionary<ValueArray<OfpInstruction>, (ValueArray<OfpInstruction> Instructions, int Count)> _instructions = [];

    /// <summary>Number of distinct flows.</summary>
    public int Count => _byKey.Count;

    /// <summary>Number of owners with at least one flow.</summary>
    public int OwnerCount => _byOwner.Count;

    /// <summary>The effective flow for <paramref name="key"/>, or null.</summary>
    public FlowSpec? Get(FlowKey key) => _byKey.GetValueOrDefault(key);

    /// <summary>Every effective flow.</summary>
    public IEnumerable<FlowSpec> All => _byKey.Values;

    /// <summary>The flows currently owned by <paramref name="owner"/>.</summary>
    public IReadOnlyList<FlowSpec> OwnedBy(string owner) => _byOwner.GetValueOrDefault(owner, None);

    /// <summary>All owners.</summary>
    public IEnumerable<string> Owners => _byOwner.Keys;

    /// <summary>Replaces every flow of <paramref name="owner"/> with <paramref name="flows"/>.</summary>
    public void Replace(string owner, IReadOnlyCollection<FlowSpec> flows)
    {
        var old = _byOwner.GetValueOrDefault(owner, None);
        var wanted = flows.ToArray();
        if (old.AsSpan().SequenceEqual(wanted))
        {
            return;
        }
        // A flow equal to one the owner has already keeps that instance and its place in the
        // table: a change usually alters one or two of an owner's flows, and replacing the rest
        // with equal copies made garbage of long-lived objects (a rule every port uses: 130,000
        // flows at 10,000 ports, most of them unchanged) and marked their keys dirty for nothing.
        // Owners have a handful of flows (a port 13): the bookkeeping stays on the stack.
        Span<bool> kept = old.Length <= 256 ? stackalloc bool[old.Length] : new bool[old.Length];
        Span<bool> reused = wanted.Length <= 256 ? stackalloc bool[wanted.Length] : new bool[wanted.Length];
        // Apps name the owner in every flow with a string of its own; keep one
        // instance per owner instead of one per flow (~100 bytes each).
        var name = owner;
        for (var i = 0; i < wanted.Length; i++)
        {
            var flow = wanted[i];
            var same = IndexOfEqual(old, kept, flow, i);
            if (same >= 0)
            {
                kept[same] = true;
                reused[i] = true;
                wanted[i] = old[same];
                continue;
            }
            var instructions = Acquire(flow.Instructions);
            var ownerShared = ReferenceEquals(flow.Owner, name) || flow.Owner != name;
            if (!ownerShared || instructions.Span != flow.Instructions.Span)
            {
                wanted[i] = flow with { Owner = ownerShared ? flow.Owner : name, Instructions = instructions };
            }
        }
        for (var j = 0; j < old.Length; j++)
        {
            if (!kept[j])
            {
                RemoveContribution(old[j]);
                Release(old[j].Instructions);
            }
        }
        if (wanted.Length == 0)
        {
            _byOwner.Remove(owner);
            return;
        }
        _byOwner[name] = wanted;
        for (var i = 0; i < wanted.Length; i++)
        {
            if (!reused[i])
            {
                AddContribution(wanted[i]);
            }
        }
    }

    /// <summary>An old flow equal to <paramref name="flow"/> and not yet kept, looked for at <paramref name="hint"/> first (apps emit an owner's flows in a stable order); -1 if none.</summary>
    private static int IndexOfEqual(FlowSpec[] old, ReadOnlySpan<bool> kept, FlowSpec flow, int hint)
    {
        if (hint < old.Length && !kept[hint] && old[hint].Equals(flow))
        {
            return hint;
        }
        for (var j = 0; j < old.Length; j++)
        {
            if (!kept[j] && old[j].Equals(flow))
            {
                return j;
            }
        }
        return -1;
    }

    /// <summary>
    /// Returns and clears the keys whose effective flow may have changed since the last call.
    /// After <see cref="MarkBulk"/> the result is a view of the table's keys (plus the removed
    /// ones), valid until the table next changes: read it at once.
    /// </summary>
    public IReadOnlyCollection<FlowKey> TakeDirty()
    {
        if (_bulk)
        {
            _bulk = false;
            FlowKey[] removed = [.. _dirty.Where(k => !_byKey.ContainsKey(k))];
            _dirty = [];
            TrimSlack(_byKey);
            return new KeysAndRemoved(_byKey.Keys, removed);
        }
        var dirty = _dirty.ToArray();
        // A full run marks every key; do not keep a set that size for the single changes after
        // it, nor the table's growth slack (up to half its entries, ~6 MB at 10,000 ports).
        if (_dirty.Count > BigBatch)
        {
            _dirty = [];
            TrimSlack(_byKey);
        }
        else
        {
            _dirty.Clear();
        }
        return dirty;
    }

    /// <summary>
    /// Until the next <see cref="TakeDirty"/>, every key counts as dirty without being tracked
    /// (the engine is about to recompute a large part of the table); removed keys still are.
    /// </summary>
    public void MarkBulk()
    {
        if (_bulk)
        {
            return;
        }
        _bulk = true;
        _dirty.RemoveWhere(_byKey.ContainsKey);
    }

    /// <summary>A batch this big (a full run, a resync) is followed by trimming.</summary>
    internal const int BigBatch = 1024;

    /// <summary>Entries the key table has room for.</summary>
    internal int KeyCapacity => _byKey.Capacity;

    /// <summary>Shrinks a dictionary that grew by doubling to its size plus a tenth (room for
    /// the single changes that follow without growing again).</summary>
    internal static void TrimSlack<TKey, TValue>(Dictionary<TKey, TValue> table)
        where TKey : notnull
    {
        var wanted = table.Count + (table.Count / 10) + 16;
        if (table.Capacity > wanted + (wanted / 4))
        {
            table.TrimExcess(wanted);
        }
    }

    /// <summary>Number of distinct instruction lists held (shared by the flows that have them).</summary>
    internal int DistinctInstructionLists => _instructions.Count;

    private ValueArray<OfpInstruction> Acquire(ValueArray<OfpInstruction> instructions)
    {
        ref var shared = ref CollectionsMarshal.GetValueRefOrAddDefault(_instructions, instructions, out var exists);
        if (!exists)
        {
            shared.Instructions = instructions;
        }
        shared.Count++;
        return shared.Instructions;
    }

    private void Release(ValueArray<OfpInstruction> instructions)
    {
        ref var shared = ref CollectionsMarshal.GetValueRefOrNullRef(_instructions, instructions);
        if (!Unsafe.IsNullRef(ref shared) && --shared.Count == 0)
        {
            _instructions.Remove(instructions);
        }
    }

    private void AddContribution(FlowSpec flow)
    {
        if (!_byKey.TryGetValue(flow.Key, out var current))
        {
            _byKey[flow.Key] = flow;
            MarkDirty(flow.Key);
            return;
        }
        if (!_contested.TryGetValue(flow.Key, out var list))
        {
            _contested[flow.Key] = list = [current];
        }
        var i = 0;
        while (i < list.Count && string.CompareOrdinal(list[i].Owner, flow.Owner) <= 0)
        {
            i++;
        }
        list.Insert(i, flow);
        if (i == 0)
        {
            _byKey[flow.Key] = flow;
            MarkDirty(flow.Key);
        }
    }

    private void RemoveContribution(FlowSpec flow)
    {
        if (!_contested.TryGetValue(flow.Key, out var list))
        {
            if (_byKey.TryGetValue(flow.Key, out var current) && current.Equals(flow))
            {
                _byKey.Remove(flow.Key);
                MarkDirty(flow.Key);
            }
            return;
        }
        var i = list.IndexOf(flow);
        if (i < 0)
        {
            return;
        }
        list.RemoveAt(i);
        if (list.Count == 1)
        {
            _contested.Remove(flow.Key);
        }
        if (i == 0)
        {
            _byKey[flow.Key] = list[0];
            MarkDirty(flow.Key);
        }
    }

    private void MarkDirty(FlowKey key)
    {
        // In bulk mode a key still in the table is dirty anyway.
        if (!_bulk || !_byKey.ContainsKey(key))
        {
            _dirty.Add(key);
        }
    }

    /// <summary>The table's keys, then keys no longer in it.</summary>
    private sealed class KeysAndRemoved(Dictionary<FlowKey, FlowSpec>.KeyCollection keys, FlowKey[] removed) : IReadOnlyCollection<FlowKey>
    {
        public int Count => keys.Count + removed.Length;

        public IEnumerator<FlowKey> GetEnumerator() => keys.Concat(removed).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
