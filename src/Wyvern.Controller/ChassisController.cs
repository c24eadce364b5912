using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Wyvern.Controller.Engine;
using Wyvern.Controller.Gateways;
using Wyvern.Controller.PacketIns;
using Wyvern.Controller.Reconciler;
using Wyvern.Model;
using Wyvern.Northbound;
using Wyvern.OpenFlow.Channel;
using Wyvern.Ovsdb;
using Wyvern.Ovsdb.Binding;
using Wyvern.Ovsdb.Bootstrap;
using Wyvern.Ovsdb.Rpc;

namespace Wyvern.Controller;

/// <summary>
/// The local controller of one chassis (DESIGN.md "The controller").
/// <para>Invariants:</para>
/// <list type="bullet">
/// <item>One event loop owns the engine, the reconciler and the switch session; pumps (store watch, OVSDB binding monitor, switch sessions, packet-ins) only post inputs to it, so no state is shared across threads.</item>
/// <item>After each burst of inputs the loop sends the switch only the difference, in one bundle, and records it as installed only when the switch confirmed it.</item>
/// <item>On every (re)connect of the switch, and so after a controller restart, it first dumps Wyvern's flows and diffs against them: flows that are still right are never touched, so established traffic sees no gap.</item>
/// <item>Any failure talking to the store, OVSDB or the switch is logged and retried; the loop itself never dies of one.</item>
/// </list>
/// </summary>
public sealed partial class ChassisController : IAsyncDisposable
{
    /// <summary>Store batches of at least this many changes (a bulk import, a first sync) are logged with their compile time.</summary>
    private const int LargeBatch = 1000;

    private readonly INbStore _store;
    private readonly ControllerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Channel<ControllerInput> _inputs = Channel.CreateUnbounded<ControllerInput>(new() { SingleReader = true });
    private readonly FlowEngine _engine;
    private readonly FlowReconciler _reconciler = new();
    private readonly PacketInHandler _packetIns;
    private readonly NextHopResolver _nextHops;
    private readonly CancellationTokenSource _stop = new();
    private readonly MemoryTrimmer _trimmer;
    private readonly BulkSessionPool _bulk;
    private readonly List<Task> _pumps = [];
    private readonly List<(long Revision, TaskCompletionSource Done)> _waiters = [];
    private OvsdbClient? _ovsdb;
    private OpenFlowListener? _listener;
    private LocalPortBindingMonitor? _bindings;
    private SwitchSession? _session;
    private Task? _loop;

    public ChassisController(INbStore store, ControllerOptions options, ILogger logger, TimeProvider? time = null)
    {
        _store = store;
        _options = options;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _trimmer = new MemoryTrimmer(_time, TimeSpan.FromSeconds(2), MemoryTrimmer.CollectAggressively);
        _engine = new FlowEngine(new ChassisState(options.ChassisName), FlowEngine.DefaultApps());
        _nextHops = new NextHopResolver(_engine.State, store, options, _time, logger);
        _packetIns = new PacketInHandler(_engine.State, options, _time, logger) { NextHops = _nextHops };
        _bulk = new BulkSessionPool(
            main => BulkSessions.OpenAsync(main, options.ResolvedSwitchServiceTarget, options.BulkInstallConnections, options.SwitchChannel, logger, _stop.Token),
            options.BulkConnectionLinger, _time);
    }

    /// <summary>Counters and state for operators and tests.</summary>
    public ControllerStatus Status { get; } = new();

    /// <summary>
    /// Starts the controller: connects OVSDB, listens for the switch, bootstraps
    /// the bridge, registers the chassis, loads the model and starts the loop.
    /// Returns when the loop runs; <see cref="DisposeAsync"/> stops it.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        _ovsdb = await OvsdbClient.ConnectAsync(OvsdbEndpoint.Parse(_options.OvsdbEndpoint), cancellationToken: cancellationToken);
        _listener = new OpenFlowListener(_options.SwitchChannel);
        var target = Listen(_listener, _options.OpenFlowListen);
        var bootstrap = await ChassisBootstrap.RunAsync(_ovsdb, new ChassisBootstrapOptions
        {
            IntegrationBridge = _options.IntegrationBridge,
            DatapathType = _options.DatapathType,
            ControllerTarget = target,
            TunnelTypes = [.. _options.TunnelTypes.Select(t => t.ToString().ToLowerInvariant())],
            LocalIp = _options.UnderlayIp.ToString(),
            BridgeMappings = _options.BridgeMappings,
            SystemId = _options.ChassisName,
            Hostname = Environment.MachineName,
        }, cancellationToken);
        if (bootstrap.Changed)
        {
            _logger.LogInformation("bootstrap of {Bridge}: {Changes}", _options.IntegrationBridge, string.Join("; ", bootstrap.Changes));
        }
        _bindings = await LocalPortBindingMonitor.StartAsync(_ovsdb, _options.IntegrationBridge, cancellationToken: cancellationToken);
        await RegisterChassisAsync(cancellationToken);
        var snapshot = await _store.GetSnapshotAsync(cancellationToken);
        LoadSnapshot(snapshot);
        ApplyBindingView(_bindings.View);
        _engine.RunAll();
        // The bootstrap and the binding monitor's first snapshot each parsed a reply naming every
        // interface on the switch (megabytes at 10,000 ports), and the first compile made the
        // whole desired table: what they left is garbage. Collect it, and give its memory back,
        // before the switch's dump is read on top of it: a restarted controller's peak at 10,000
        // ports is at that dump (docs/benchmarks.md, "Controller scale").
        MemoryTrimmer.CollectAggressively();

        _pumps.Add(Task.Run(() => PumpWatchAsync(snapshot.Revision, _stop.Token), CancellationToken.None));
        _pumps.Add(Task.Run(() => PumpBindingsAsync(_bindings, _stop.Token), CancellationToken.None));
        _pumps.Add(Task.Run(() => PumpSessionsAsync(_listener, _stop.Token), CancellationToken.None));
        _pumps.Add(Task.Run(() => KeepLeaseAsync(_stop.Token), CancellationToken.None));
        _pumps.Add(Task.Run(() => TickAsync(_stop.Token), CancellationToken.None));
        if (_options.GatewayCapable)
        {
            var rescheduler = new GatewayRescheduler(_store, _logger, _options.GatewayReschedulePeriod, _time);
            _pumps.Add(Task.Run(() => rescheduler.RunAsync(_stop.Token), CancellationToken.None));
        }
        _loop = Task.Run(() => LoopAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>Completes when the switch holds every flow for store revision <paramref name="revision"/> or later.</summary>
    public Task WaitSyncedAsync(long revision, CancellationToken cancellationToken = default)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            if (Status.InSync && Status.Revision >= revision)
            {
                return Task.CompletedTask;
            }
            _waiters.Add((revision, tcs));
        }
        return tcs.Task.WaitAsync(cancellationToken);
    }

    private static string Listen(OpenFlowListener listener, string spec)
    {
        // unix:PATH or tcp:IP:PORT (port 0: the system picks one); anything else is a FormatException.
        if (SwitchConnector.ParseTarget(spec, anyPort: true) is System.Net.IPEndPoint endpoint)
        {
            var bound = listener.ListenTcp(endpoint);
            return $"tcp:{bound.Address}:{bound.Port}";
        }
        var path = spec["unix:".Length..];
        File.Delete(path);
        listener.ListenUnix(path);
        return spec;
    }

    private void LoadSnapshot(NbSnapshot snapshot)
    {
        foreach (var o in snapshot.Objects)
        {
            _engine.State.Upsert(o);
        }
        Status.Revision = snapshot.Revision;
    }

    private void ApplyBindingView(LocalPortView view)
    {
        Status.LocalVmPorts = view.VmPorts.Count;
        foreach (var p in view.VmPorts.Values)
        {
            _engine.State.SetLocalOfPort(p.NeutronPortId!, p.Ofport);
        }
        foreach (var p in view.PatchPorts.Where(p => p.PhysicalNetwork is not null))
        {
            _engine.State.SetProviderOfPort(p.PhysicalNetwork!, p.Ofport);
        }
        foreach (var p in view.TunnelPorts.Values)
        {
            if (TunnelTypeOf(p) is { } type)
            {
                _engine.State.SetTunnelOfPort(type, p.Ofport);
            }
        }
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        try
        {
            while (await _inputs.Reader.WaitToReadAsync(ct))
            {
                while (_inputs.Reader.TryRead(out var input))
                {
                    try
                    {
                        await HandleAsync(input, ct);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        _logger.LogError(e, "controller input {Input} failed", input.GetType().Name);
                    }
                }
                await SyncAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task HandleAsync(ControllerInput input, CancellationToken ct)
    {
        switch (input)
        {
            case ControllerInput.Model { Event: NbChangeBatch batch }:
                OpenBulkSessionsAhead(batch.Changes.Count);
                var compile = System.Diagnostics.Stopwatch.StartNew();
                _engine.HandleBatch(batch.Changes.Select(c => (c.Table, c.Id, c.Kind == NbChangeKind.Put ? c.Value : null)));
                foreach (var change in batch.Changes)
                {
                    if (change.Kind == NbChangeKind.Put && change.Value is { } value)
                    {
                        ClaimIfLocal(value);
                    }
                }
                Status.Revision = batch.Revision;
                if (batch.Changes.Count >= LargeBatch)
                {
                    _logger.LogInformation("applied {Count} store changes (revision {Revision}) in {Ms} ms; {Desired} flows desired",
                        batch.Changes.Count, batch.Revision, compile.ElapsedMilliseconds, _engine.Desired.Count);
                }
                break;
            case ControllerInput.Model { Event: NbResync resync }:
                _logger.LogWarning("store history compacted: resyncing from a snapshot at revision {Revision}", resync.Revision);
                OpenBulkSessionsAhead(resync.Snapshot.Objects.Count);
                Resync(resync.Snapshot);
                break;
            case ControllerInput.Binding b:
                Status.LocalVmPorts = b.Batch.View.VmPorts.Count;
                foreach (var e in b.Batch.Events.Where(e => e.Port.Kind == LocalPortKind.Patch && e.Port.PhysicalNetwork is not null))
                {
                    _engine.HandleProviderPort(e.Port.PhysicalNetwork!, e.Kind == LocalPortEventKind.Unplugged ? null : e.Port.Ofport);
                }
                foreach (var e in b.Batch.Events.Where(e => e.Port.Kind == LocalPortKind.Tunnel))
                {
                    if (TunnelTypeOf(e.Port) is { } type)
                    {
                        _engine.HandleTunnelPort(type, e.Kind == LocalPortEventKind.Unplugged ? null : e.Port.Ofport);
                    }
                }
                foreach (var e in b.Batch.Events.Where(e => e.Port.Kind == LocalPortKind.Vm && e.Port.NeutronPortId is not null))
                {
                    var id = e.Port.NeutronPortId!;
                    _engine.HandleLocalBinding(id, e.Kind == LocalPortEventKind.Unplugged ? null : e.Port.Ofport);
                    if (e.Kind == LocalPortEventKind.Plugged && _engine.State.Port(id) is { } port)
                    {
                        ClaimIfLocal(port);
                    }
                }
                break;
            case ControllerInput.SwitchUp up:
                await AttachSwitchAsync(up.Session, ct);
                break;
            case ControllerInput.SwitchDown down when ReferenceEquals(down.Session, _session):
                _logger.LogWarning("switch disconnected ({Reason}); flows stay on the switch until it reconnects", down.Reason);
                _session = null;
                Status.InSync = false;
                break;
            case ControllerInput.Announce a when _session is { IsConnected: true } session:
                await RepeatAnnouncementAsync(session, a, ct);
                break;
            case ControllerInput.Packet p when ReferenceEquals(p.Session, _session):
                Status.RecordPacketIn();
                if (_packetIns.Handle(p.PacketIn) is { } reply)
                {
                    await p.Session.SendAsync(reply, ct);
                }
                break;
            case ControllerInput.Tick when _session is not null && Status.InSync:
                foreach (var request in _nextHops.Due())
                {
                    await _session.SendAsync(request, ct);
                }
                break;
            default:
                break;
        }
    }

    /// <summary>Posts a <see cref="ControllerInput.Tick"/> every neighbour retry interval.</summary>
    private async Task TickAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(_options.NeighbourRetryInterval, _time, ct);
                await _inputs.Writer.WriteAsync(new ControllerInput.Tick(), ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (ChannelClosedException)
        {
        }
    }

    private static TunnelType? TunnelTypeOf(LocalPort port) =>
        Enum.TryParse<TunnelType>(port.TunnelType, ignoreCase: true, out var type) ? type : null;

    private void Resync(NbSnapshot snapshot)
    {
        _engine.HandleSnapshot(snapshot.Objects);
        Status.Revision = snapshot.Revision;
    }

    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _stop.CancelAsync();
        _inputs.Writer.TryComplete();
        try
        {
            await Task.WhenAll(_pumps.Append(_loop ?? Task.CompletedTask));
        }
        catch (OperationCanceledException)
        {
        }
        await _bulk.DisposeAsync();
        if (_bindings is not null)
        {
            await _bindings.DisposeAsync();
        }
        if (_listener is not null)
        {
            await _listener.DisposeAsync();
        }
        if (_ovsdb is not null)
        {
            await _ovsdb.DisposeAsync();
        }
        _stop.Dispose();
        lock (_waiters)
        {
            foreach (var (_, done) in _waiters)
            {
                done.TrySetCanceled();
            }
        }
    }
}
