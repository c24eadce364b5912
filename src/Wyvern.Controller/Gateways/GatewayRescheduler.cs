using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Wyvern.Model;
using Wyvern.Northbound;

namespace Wyvern.Controller.Gateways;

/// <summary>
/// Keeps every router's gateway chassis list headed by a chassis that can serve it,
/// with as many able standbys behind it as there are (up to <see cref="GatewayScheduler.MaxCandidates"/>).
/// Runs on each gateway-capable chassis; at start, on every change of the chassis,
/// routers or networks tables (a lease expiring is a chassis Delete), and every
/// <c>period</c>, it rewrites the list of any router whose first entry is missing or
/// cannot serve, or that lacks able standbys (one died, or an able chassis registered):
/// the current active gateway (<see cref="GatewaySelection.ActiveGateway"/>,
/// the standby that already took over) stays first so NAT state moves only once,
/// then the other able chassis by load (<see cref="GatewayScheduler"/>).
/// <para>Invariants:</para>
/// <list type="bullet">
/// <item>Writes are compare-and-swap on the router's version: when several controllers race, exactly
/// one write lands; the others see a conflict, re-read, find a live first entry and write nothing.</item>
/// <item>A router's first entry, while it can serve, is never replaced (NAT state does not move back when a chassis recovers);
/// only its standbys are refilled.</item>
/// <item>Store failures are logged and retried after <c>period</c>; nothing here throws to the controller.</item>
/// </list>
/// </summary>
public sealed class GatewayRescheduler
{
    private const int MaxAttempts = 5;
    private readonly INbStore _store;
    private readonly ILogger _logger;
    private readonly TimeSpan _period;
    private readonly TimeProvider _time;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <param name="store">The NB store.</param>
    /// <param name="logger">Where moves and failures go.</param>
    /// <param name="period">Full pass (and retry after a failure) interval.</param>
    /// <param name="time">The clock (tests pass a manual one).</param>
    public GatewayRescheduler(INbStore store, ILogger logger, TimeSpan period, TimeProvider? time = null)
    {
        _store = store;
        _logger = logger;
        _period = period;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Routers whose list this instance rewrote (for status and tests).</summary>
    public long Moves => Interlocked.Read(ref _moves);

    private long _moves;

    /// <summary>
    /// One pass over every router; returns how many lists it rewrote. Throws
    /// <see cref="NbUnavailableException"/> (and the transport's exceptions) when the store is unreachable.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var chassis = (await _store.ListAsync<Chassis>(cancellationToken: cancellationToken)).ToDictionary(c => c.Id, StringComparer.Ordinal);
        var networks = (await _store.ListAsync<LogicalSwitch>(cancellationToken: cancellationToken)).ToDictionary(n => n.Id, StringComparer.Ordinal);
        var routers = (await _store.ListAsync<LogicalRouter>(cancellationToken: cancellationToken)).ToDictionary(r => r.Id, StringComparer.Ordinal);
        var moved = 0;
        foreach (var id in routers.Keys.ToList())
        {
            if (await FixAsync(routers[id], chassis, networks, routers, cancellationToken) is { } updated)
            {
                routers[id] = updated;
                moved++;
            }
        }
        Interlocked.Add(ref _moves, moved);
        return moved;
    }

    /// <summary>
    /// Runs until cancelled: a pass at start, after every relevant change in the store's
    /// watch, and every period. Never throws but for cancellation.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var watch = Task.Run(() => WatchAsync(cancellationToken), CancellationToken.None);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await RunOnceAsync(cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e)
                {
                    _logger.LogWarning(e, "gateway rescheduling pass failed; retrying in {Period}", _period);
                }
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_period);
                try
                {
                    await _wake.Reader.ReadAsync(timeout.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // The period passed: a full pass.
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        await watch;
    }

    /// <summary>Asks for a pass soon (a chassis, router or network changed).</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    private async Task WatchAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                // A snapshot's revision is where to watch from; the pass that follows each
                // (re)start of the watch covers whatever happened before it.
                var revision = (await _store.GetSnapshotAsync(ct)).Revision;
                Wake();
                await foreach (var e in _store.WatchAsync(revision, ct))
                {
                    if (e is not NbChangeBatch batch || batch.Changes.Any(c => c.Table is NbTables.Chassis or NbTables.Routers or NbTables.Networks))
                    {
                        Wake();
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "gateway rescheduler's store watch failed; restarting in {Period}", _period);
                try
                {
                    await Task.Delay(_period, _time, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Rewrites one router's list if it needs it; returns the stored router, or null when nothing was written.</summary>
    private async Task<LogicalRouter?> FixAsync(
        LogicalRouter router, Dictionary<string, Chassis> chassis, Dictionary<string, LogicalSwitch> networks,
        Dictionary<string, LogicalRouter> routers, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (GatewayScheduler.PhysicalNetworkOf(router, networks.GetValueOrDefault) is not { } physnet ||
                !(GatewayScheduler.NeedsReschedule(router, physnet, chassis.GetValueOrDefault) || GatewayScheduler.LacksStandbys(router, physnet, chassis.Values)))
            {
                return null;
            }
            var active = GatewaySelection.ActiveGateway(router, chassis.GetValueOrDefault, physnet);
            var list = GatewayScheduler.Schedule(router.Id, physnet, chassis.Values, routers.Values, keepFirst: active);
            if (list == router.GatewayChassis)
            {
                return null;
            }
            try
            {
                var updated = await _store.UpdateAsync(router with { GatewayChassis = list }, ct);
                _logger.LogInformation("router {Router}: gateway chassis [{Old}] → [{New}]", router.Id,
                    string.Join(", ", router.GatewayChassis), string.Join(", ", list));
                return updated;
            }
            catch (NbConflictException) when (attempt < MaxAttempts)
            {
                // Another controller (or the API) wrote it first: judge the new version.
                var current = await _store.GetAsync<LogicalRouter>(router.Id, ct);
                if (current is null)
                {
                    return null;
                }
                routers[router.Id] = router = current;
            }
        }
    }
}
