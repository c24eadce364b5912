using Wyvern.OpenFlow.Messages;

namespace Wyvern.OpenFlow.Channel;

/// <summary>The request side: xids, replies, dumps, batches, bundles.</summary>
public sealed partial class SwitchSession
{
    // Also the granularity of write progress, which keeps a busy switch alive (KeepAliveLoopAsync).
    private const int FlushThreshold = 64 * 1024;

    /// <summary>Sends one message without waiting for anything (PACKET_OUT, replies). The session assigns the xid.</summary>
    public async ValueTask SendAsync(OfpMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await WriteAsync([message], NextXids(1), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a request and returns its reply; an OFPT_ERROR reply throws <see cref="OpenFlowErrorException"/>.</summary>
    public async Task<OfpMessage> RequestAsync(OfpMessage request, CancellationToken cancellationToken = default)
    {
        var replies = await TrackAsync(request, multipart: false, cancellationToken).ConfigureAwait(false);
        return replies[0];
    }

    /// <summary>Sends OFPT_BARRIER_REQUEST and waits for the reply: everything sent before is processed.</summary>
    public Task BarrierAsync(CancellationToken cancellationToken = default) => RequestAsync(new BarrierRequest(), cancellationToken);

    /// <summary>Sends a multipart request and collects every reply until the one without MORE.</summary>
    public async Task<IReadOnlyList<TReply>> DumpAsync<TReply>(MultipartRequest request, CancellationToken cancellationToken = default)
        where TReply : MultipartReply
    {
        var replies = await TrackAsync(request, multipart: true, cancellationToken).ConfigureAwait(false);
        return replies.Cast<TReply>().ToList();
    }

    /// <summary>
    /// Dumps flows, handing each to <paramref name="each"/> as its reply arrives instead of
    /// collecting them (a restarted controller at 10,000 ports dumps ~130,000 flows: ~45 MB
    /// decoded at once). <paramref name="each"/> runs on the session's receive loop, so no other
    /// message is read meanwhile; if it throws, the dump fails with its exception. Returns the
    /// number of flows.
    /// </summary>
    public async Task<int> DumpFlowsAsync(FlowStatsRequest? request, Action<FlowStats> each, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(each);
        var count = 0;
        await TrackAsync(request ?? new FlowStatsRequest(), multipart: true, cancellationToken, reply =>
        {
            foreach (var flow in ((FlowStatsReply)reply).Flows)
            {
                each(flow);
                count++;
            }
        }).ConfigureAwait(false);
        return count;
    }

    /// <summary>Dumps flows (all tables unless <paramref name="request"/> narrows it).</summary>
    public async Task<IReadOnlyList<FlowStats>> DumpFlowsAsync(FlowStatsRequest? request = null, CancellationToken cancellationToken = default)
    {
        var flows = new List<FlowStats>();
        await DumpFlowsAsync(request, flows.Add, cancellationToken).ConfigureAwait(false);
        return flows;
    }

    /// <summary>
    /// Sends messages that get no reply on success (flow mods, group mods), then a barrier.
    /// Throws <see cref="OpenFlowErrorException"/> listing every message the switch rejected.
    /// </summary>
    public async Task SendBatchAsync(IReadOnlyList<OfpMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var firstXid = NextXids(messages.Count);
        var batch = new PendingBatch(firstXid, messages);
        _batches.TryAdd(batch, 0);
        try
        {
            await WriteAsync(messages, firstXid, cancellationToken).ConfigureAwait(false);
            await BarrierAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _batches.TryRemove(batch, out _);
        }

        var failures = batch.Failures;
        if (failures.Count > 0)
        {
            throw new OpenFlowErrorException(failures);
        }
    }

    /// <summary>
    /// Applies messages atomically and in order with the ONF bundle extension:
    /// open, add each, barrier, then commit. Open vSwitch checks each message when
    /// it is added and rejects a bad one on its own, so if any add fails the bundle
    /// is discarded instead of committed (nothing changes on the switch) and
    /// <see cref="OpenFlowErrorException"/> names the rejected messages.
    /// </summary>
    public async Task InstallBundleAsync(IReadOnlyList<OfpMessage> messages, BundleFlags flags = BundleFlags.Atomic | BundleFlags.Ordered, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var bundleId = unchecked((uint)Interlocked.Increment(ref _nextBundleId));
        await RequestAsync(new BundleControl(bundleId, BundleControlType.OpenRequest, flags), cancellationToken).ConfigureAwait(false);
        var adds = new OfpMessage[messages.Count];
        for (var i = 0; i < adds.Length; i++)
        {
            adds[i] = new BundleAdd(bundleId, messages[i], flags);
        }

        var firstXid = NextXids(adds.Length);
        var batch = new PendingBatch(firstXid, messages);
        _batches.TryAdd(batch, 0);
        try
        {
            await WriteAsync(adds, firstXid, cancellationToken).ConfigureAwait(false);
            await BarrierAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _batches.TryRemove(batch, out _);
        }

        var failures = batch.Failures;
        if (failures.Count > 0)
        {
            await RequestAsync(new BundleControl(bundleId, BundleControlType.DiscardRequest, flags), cancellationToken).ConfigureAwait(false);
            throw new OpenFlowErrorException(failures);
        }

        await RequestAsync(new BundleControl(bundleId, BundleControlType.CommitRequest, flags), cancellationToken).ConfigureAwait(false);
    }

    private long _nextBundleId;

    private async Task<IReadOnlyList<OfpMessage>> TrackAsync(
        OfpMessage request, bool multipart, CancellationToken cancellationToken, Action<OfpMessage>? onPart = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var xid = NextXids(1);
        var pending = new PendingRequest(request, multipart, onPart);
        _pending[xid] = pending;
        if (!IsConnected)
        {
            _pending.TryRemove(xid, out _);
            throw new SwitchDisconnectedException(_completion.Task.Result);
        }

        try
        {
            await WriteAsync([request], xid, cancellationToken).ConfigureAwait(false);
            return await pending.Task.WaitAsync(_options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(xid, out _);
        }
    }

    /// <summary>Reserves <paramref name="count"/> consecutive xids, never starting at 0.</summary>
    private uint NextXids(int count)
    {
        while (true)
        {
            var last = (uint)Interlocked.Add(ref _nextXid, count);
            var first = unchecked(last - (uint)count + 1);
            if (first != 0 && first <= last)
            {
                return first;
            }
        }
    }

    private async Task WriteAsync(IReadOnlyList<OfpMessage> messages, uint firstXid, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteLockedAsync(messages, firstXid, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Starts writing an echo request and returns true, or returns false when a
    /// write is under way (the switch is busy reading it; an echo would only
    /// queue behind it). Not awaited by the caller, so a peer that stopped
    /// reading cannot block the keep-alive loop.
    /// </summary>
    private bool TryStartEcho()
    {
        if (!_writeLock.Wait(0))
        {
            return false;
        }

        _ = EchoAsync();
        return true;

        async Task EchoAsync()
        {
            try
            {
                await WriteLockedAsync([new EchoRequest()], NextXids(1), _closing.Token, isEcho: true).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SwitchDisconnectedException or IOException or ObjectDisposedException)
            {
                // The session is closing; the receive loop reports why.
            }
            finally
            {
                try
                {
                    _writeLock.Release();
                }
                catch (ObjectDisposedException)
                {
                    // Disposed while the echo was being written.
                }
            }
        }
    }

    /// <param name="messages">What to write.</param>
    /// <param name="firstXid">The xid of the first message.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <param name="isEcho">Our own echo request: writing it is no sign of the peer's life.</param>
    private async Task WriteLockedAsync(IReadOnlyList<OfpMessage> messages, uint firstXid, CancellationToken cancellationToken, bool isEcho = false)
    {
        if (!isEcho)
        {
            Interlocked.Exchange(ref _lastWriteProgressTimestamp, Environment.TickCount64);
        }
        Interlocked.Increment(ref _writesInProgress);
        try
        {
            var unflushed = 0;
            for (var i = 0; i < messages.Count; i++)
            {
                var message = messages[i];
                message.Encode(_output, unchecked(firstXid + (uint)i));
                unflushed += message.EncodedLength;
                if (unflushed >= FlushThreshold)
                {
                    await FlushAsync(cancellationToken).ConfigureAwait(false);
                    unflushed = 0;
                    // A chunk left for the socket: once the socket buffers are full, that
                    // means the switch is reading, a sign of life even while it is too
                    // busy to answer anything (see KeepAliveLoopAsync).
                    if (!isEcho)
                    {
                        Interlocked.Exchange(ref _lastWriteProgressTimestamp, Environment.TickCount64);
                    }
                }
            }

            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _writesInProgress);
        }
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        var result = await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (result.IsCompleted || result.IsCanceled)
        {
            throw new SwitchDisconnectedException("connection closed while writing");
        }
    }
}
