using Wyvern.OpenFlow.Messages;

namespace Wyvern.OpenFlow.Channel;

/// <summary>The one-round-trip bundle.</summary>
public sealed partial class SwitchSession
{
    /// <summary>
    /// Applies messages in one bundle in a single round trip: open, every add
    /// and commit are written back to back, and only the commit reply is
    /// awaited. A switch answers in order (OF 1.3.5 §6.2), so by the time the
    /// commit reply arrives every add it rejected has been reported. Open
    /// vSwitch checks each message when it is added and leaves a rejected one
    /// out of the bundle, so the commit applies the others atomically; the
    /// rejected ones are returned (empty: everything applied). If the commit
    /// itself fails (for example a table is full), nothing is applied and
    /// <see cref="OpenFlowErrorException"/> is thrown.
    /// <para>
    /// Unlike <see cref="InstallBundleAsync"/> (open, adds + barrier, then commit:
    /// three round trips, and nothing applied if any add fails), this costs the
    /// switch one pass of its main loop instead of three; for a userspace switch
    /// with thousands of ports one pass takes tens of milliseconds.
    /// </para>
    /// </summary>
    public async Task<IReadOnlyList<(OfpMessage? Request, ErrorMessage Error)>> CommitBundleAsync(
        IReadOnlyList<OfpMessage> messages, BundleFlags flags = BundleFlags.Atomic | BundleFlags.Ordered, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var bundleId = unchecked((uint)Interlocked.Increment(ref _nextBundleId));
        var open = new BundleControl(bundleId, BundleControlType.OpenRequest, flags);
        var commit = new BundleControl(bundleId, BundleControlType.CommitRequest, flags);
        // Each bundle-add wraps its message only while it is written: a bulk install has
        // tens of thousands in flight per connection.
        var all = new BundleMessages(open, bundleId, messages, flags, commit);
        var firstXid = NextXids(all.Count);
        var openXid = firstXid;
        var commitXid = unchecked(firstXid + (uint)(all.Count - 1));
        var opened = new PendingRequest(open, multipart: false);
        var committed = new PendingRequest(commit, multipart: false);
        var batch = new PendingBatch(unchecked(firstXid + 1), messages);
        _pending[openXid] = opened;
        _pending[commitXid] = committed;
        _batches.TryAdd(batch, 0);
        try
        {
            if (!IsConnected)
            {
                throw new SwitchDisconnectedException(_completion.Task.Result);
            }

            await WriteAsync(all, firstXid, cancellationToken).ConfigureAwait(false);
            await committed.Task.WaitAsync(_options.RequestTimeout, cancellationToken).ConfigureAwait(false);
            // The open reply came before the commit reply; a failed open makes
            // the adds and the commit fail too, so the commit error above is what
            // the caller sees. Observe it here all the same.
            await opened.Task.WaitAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
        catch (OpenFlowErrorException e)
        {
            throw new OpenFlowErrorException([.. batch.Failures, .. e.Failures]);
        }
        finally
        {
            _pending.TryRemove(openXid, out _);
            _pending.TryRemove(commitXid, out _);
            _batches.TryRemove(batch, out _);
        }

        return batch.Failures;
    }

    /// <summary>Open, one bundle-add per message (made when read), commit.</summary>
    private sealed class BundleMessages(BundleControl open, uint bundleId, IReadOnlyList<OfpMessage> messages, BundleFlags flags, BundleControl commit)
        : IReadOnlyList<OfpMessage>
    {
        public int Count => messages.Count + 2;

        public OfpMessage this[int index] =>
            index == 0 ? open
            : index == Count - 1 ? commit
            : new BundleAdd(bundleId, messages[index - 1], flags);

        public IEnumerator<OfpMessage> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
