using System.Collections;
using Wyvern.OpenFlow.Messages;
using Wyvern.Pipeline;

namespace Wyvern.Controller.Reconciler;

/// <summary>
/// The flow mods of a <see cref="FlowDiff"/> (deletes, then adds, then modifies), each built
/// when it is read: a bulk install writes 130,000 of them over 32 connections at once, and
/// holding them all as objects while the switch works through them was ~20 MB of the
/// controller's peak. Reading an index twice gives two equal (not identical) flow mods.
/// </summary>
public sealed class FlowModList(FlowDiff diff) : IReadOnlyList<FlowMod>
{
    /// <inheritdoc/>
    public int Count => diff.Count;

    /// <inheritdoc/>
    public FlowMod this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            if (index < diff.Deletes.Count)
            {
                return FlowMods.Delete(diff.Deletes[index]);
            }
            index -= diff.Deletes.Count;
            return index < diff.Adds.Count ? FlowMods.Add(diff.Adds[index]) : FlowMods.Modify(diff.Modifies[index - diff.Adds.Count]);
        }
    }

    /// <summary>The flow whose flow mod is at <paramref name="index"/>.</summary>
    public FlowSpec SpecAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        if (index < diff.Deletes.Count)
        {
            return diff.Deletes[index];
        }
        index -= diff.Deletes.Count;
        return index < diff.Adds.Count ? diff.Adds[index] : diff.Modifies[index - diff.Adds.Count];
    }

    /// <inheritdoc/>
    public IEnumerator<FlowMod> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
