using Microsoft.Extensions.Logging;
using Wyvern.Controller.Reconciler;
using Wyvern.OpenFlow.Channel;
using Wyvern.OpenFlow.Messages;
using Wyvern.Pipeline;

namespace Wyvern.Controller;

public sealed partial class ChassisController
{
    private bool _fullSyncPending;

    /// <summary>
    /// Starts opening the service connections for a bulk sync, when a store batch of
    /// <paramref name="changes"/> is likely to need them (<see cref="BulkSessions.LikelyNeeded"/>);
    /// the next <see cref="SyncAsync"/> takes them (<see cref="BulkSessionPool"/>).
    /// </summary>
    private void OpenBulkSessionsAhead(int changes)
    {
        if (_session is { IsConnected: true } session && BulkSessions.LikelyNeeded(changes, _options.BulkSyncAbove))
        {
            _bulk.OpenAhead(session);
        }
    }

    private async Task PumpSessionsAsync(OpenFlowListener listener, CancellationToken ct)
    {
        try
        {
            await foreach (var session in listener.Sessions.ReadAllAsync(ct))
            {
                _logger.LogInformation("{Switch} connected", session);
                await _inputs.Writer.WriteAsync(new ControllerInput.SwitchUp(session), ct);
                _ = Task.Run(() => PumpSessionEventsAsync(session, ct), CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task PumpSessionEventsAsync(SwitchSession session, CancellationToken ct)
    {
        try
        {
            await foreach (var message in session.Events.ReadAllAsync(ct))
            {
                if (message is PacketIn packetIn)
                {
                    await _inputs.Writer.WriteAsync(new ControllerInput.Packet(session, packetIn), ct);
                }
            }
            var reason = await session.Completion;
            await _inputs.Writer.WriteAsync(new ControllerInput.SwitchDown(session, reason), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
        }
    }

    /// <summary>
    /// A (new) switch session: read what it holds of Wyvern's flows, then the
    /// next sync sends only the difference (nothing at all after a controller
    /// restart with an unchanged model).
    /// </summary>
    private async Task AttachSwitchAsync(SwitchSession session, CancellationToken ct)
    {
        if (_session is { } old && !ReferenceEquals(old, session))
        {
            await old.DisposeAsync();
        }
        _session = session;
        Status.InSync = false;
        // A new switch (or a restarted one): announce every external address again after the first sync.
        _announced = [];
        // OF 1.3.5 §7.3.10: ask for packet-ins of every reason, including
        // invalid TTL (a routed packet whose TTL ran out: the controller
        // answers ICMP time exceeded), and port status changes.
        const uint packetInReasons = (1u << 0) | (1u << 1) | (1u << 2);
        const uint portStatusReasons = (1u << 0) | (1u << 1) | (1u << 2);
        await session.SendAsync(new SetAsync(new AsyncMasks(packetInReasons, 0, portStatusReasons, portStatusReasons, 0, 0)), ct);
        // Each reply of the dump is recorded as it arrives (on the session's receive loop; this
        // loop waits meanwhile, so the desired table does not change under it).
        _reconciler.BeginReset(expected: _engine.Desired.Count);
        var dumped = await session.DumpFlowsAsync(FlowMods.DumpWyvernFlows(), flow => _reconciler.AddDumped(flow, _engine.Desired), ct);
        _reconciler.EndReset();
        _fullSyncPending = true;
        _logger.LogInformation("{Switch} holds {Count} Wyvern flows; reconciling against {Desired} desired",
            session, dumped, _engine.Desired.Count);
    }

    private async Task SyncAsync(CancellationToken ct)
    {
        Status.DesiredFlows = _engine.Desired.Count;
        _bulk.CloseExpired();
        Status.IdleBulkConnections = _bulk.IdleConnections;
        if (_session is not { IsConnected: true } session)
        {
            return;
        }
        FlowDiff diff;
        if (_fullSyncPending)
        {
            _engine.Desired.TakeDirty();
            diff = _reconciler.FullDiff(_engine.Desired);
            _logger.LogInformation("full resync with {Switch}: {Adds} to add, {Deletes} to delete, {Modifies} to modify",
                session, diff.Adds.Count, diff.Deletes.Count, diff.Modifies.Count);
        }
        else
        {
            diff = _reconciler.Diff(_engine.Desired, _engine.Desired.TakeDirty());
        }
        try
        {
            // A first install at scale is tens of thousands of flow mods; in one
            // bundle a userspace ovs-vswitchd stays silent for longer than the
            // dead-peer timeout and the session drops mid-bundle. Parts of a
            // bounded size keep each commit short; each part is atomic and is
            // recorded as installed once committed, so a reconnect resumes.
            // Each part is one round trip (CommitBundleAsync): ovs-vswitchd reads
            // at most 50 messages per connection per pass of its main loop and a
            // pass costs tens of milliseconds with thousands of ports, so every
            // extra round trip (open, barrier) adds a pass to a single change, and
            // a diff of more than one part goes over several connections at once
            // (BulkSessions).
            var bulk = diff.Count > _options.BulkSyncAbove;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            if (bulk)
            {
                _reconciler.Reserve(diff);
            }
            var (sessions, source) = await _bulk.TakeAsync(session, bulk);
            Status.RecordBulkSessionSource(source);
            var rejected = new List<(OfpMessage? Request, ErrorMessage Error)>();
            try
            {
                var parts = new System.Collections.Concurrent.ConcurrentQueue<FlowDiff>(
                    diff.Split(BulkSessions.PartSize(diff.Count, sessions.All.Count, _options.MaxFlowModsPerBundle)));
                if (bulk)
                {
                    _logger.LogInformation("sending {Count} flow mods in {Parts} bundles over {Sessions} connections",
                        diff.Count, parts.Count, sessions.All.Count);
                    Status.RecordBulkSync(sessions.All.Count);
                }
                await Task.WhenAll(sessions.All.Select(s => SendPartsAsync(s, parts, rejected, ct)));
            }
            finally
            {
                // Kept for the next bulk sync (BulkSessionPool), however this one ended.
                _bulk.Return(sessions);
                Status.IdleBulkConnections = _bulk.IdleConnections;
            }
            if (rejected.Count > 0)
            {
                // The switch left these out of their bundles and applied the rest.
                // A rejected flow is a bug in an app; log it and retry from a full diff.
                throw new OpenFlowErrorException(rejected);
            }
            if (bulk)
            {
                _logger.LogInformation("switch committed {Count} flow mods in {Ms} ms", diff.Count, clock.ElapsedMilliseconds);
            }
            _fullSyncPending = false;
            Status.InSync = true;
            ReleaseWaiters();
            if (diff.Count >= MemoryTrimmer.BulkFlowMods)
            {
                // Once per large sync: the installed set's growth slack, then (when the
                // controller is quiet) the heap the compile and the bundles left behind.
                _reconciler.TrimAfterBulk();
                _ = _trimmer.NoteBulkWorkAsync(ct);
            }
            await AnnounceAsync(session, ct);
        }
        catch (OpenFlowErrorException e)
        {
            // A failed commit applied nothing; rejected adds were left out of
            // theirs. Either way the reconciler knows what the switch holds.
            foreach (var (request, error) in e.Failures)
            {
                _logger.LogError("switch rejected {Request}: {Error}", request, error);
            }
            _fullSyncPending = true;
            ScheduleRetry(ct);
        }
        catch (Exception e) when (e is SwitchDisconnectedException or IOException or TimeoutException)
        {
            _fullSyncPending = true;
            if (session.IsConnected)
            {
                // One of the extra bulk connections failed; the switch is still here.
                _logger.LogWarning(e, "sync to {Switch} failed on an extra connection; retrying", session);
                ScheduleRetry(ct);
            }
            else
            {
                _logger.LogWarning(e, "sync to {Switch} failed; it will be redone when the switch is back", session);
            }
        }
    }

    /// <summary>
    /// Commits parts from <paramref name="parts"/> on <paramref name="session"/>
    /// until none is left; several of these run at once, one per connection, so
    /// what they record is recorded under a lock.
    /// </summary>
    private async Task SendPartsAsync(
        SwitchSession session, System.Collections.Concurrent.ConcurrentQueue<FlowDiff> parts,
        List<(OfpMessage? Request, ErrorMessage Error)> rejected, CancellationToken ct)
    {
        while (parts.TryDequeue(out var part))
        {
            var mods = new FlowModList(part);
            var failures = await session.CommitBundleAsync(mods, cancellationToken: ct);
            var applied = failures.Count == 0 ? part : part.Without(RejectedSpecs(mods, failures));
            lock (rejected)
            {
                _reconciler.Acknowledge(applied);
                Status.RecordSync(applied.Count);
                rejected.AddRange(failures);
            }
        }
    }

    /// <summary>
    /// The flows of a part whose flow mods the switch rejected. The list builds its flow mods
    /// as they are read, so a failure's request is matched by value (a flow mod is a record).
    /// </summary>
    private static HashSet<FlowSpec> RejectedSpecs(FlowModList mods, IReadOnlyList<(OfpMessage? Request, ErrorMessage Error)> failures)
    {
        var index = new Dictionary<OfpMessage, int>();
        for (var i = 0; i < mods.Count; i++)
        {
            index.TryAdd(mods[i], i);
        }
        return [.. failures.Where(f => f.Request is not null && index.ContainsKey(f.Request)).Select(f => mods.SpecAt(index[f.Request!]))];
    }

    private void ReleaseWaiters()
    {
        lock (_waiters)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Revision <= Status.Revision)
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    private void ScheduleRetry(CancellationToken ct) =>
        _ = Task.Delay(TimeSpan.FromSeconds(1), _time, ct).ContinueWith(
            _ => _inputs.Writer.TryWrite(new ControllerInput.Retry()), ct, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
}
