using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Wyvern.Ovsdb.Bootstrap;
using Wyvern.Ovsdb.Monitoring;
using Wyvern.Ovsdb.Rows;
using Wyvern.Ovsdb.Values;

namespace Wyvern.Ovsdb.Binding;

/// <summary>
/// Watches the integration bridge's ports through one OVSDB monitor (Bridge, Port, Interface)
/// and turns each database change into local-port events.
/// Invariants: <see cref="View"/> is computed from a consistent database snapshot (one monitor,
/// so the three tables are always from the same transaction); events in a batch, applied to
/// the previous view, give exactly the new view; after a reconnect the resync batch does the
/// same against the fresh snapshot, so no port is lost or left behind.
/// </summary>
public sealed class LocalPortBindingMonitor : IAsyncDisposable
{
    // Rows are immutable and shared between successive monitor views, so the local port read
    // from a row is computed once per row version; the table forgets rows nobody holds.
    private static readonly ConditionalWeakTable<OvsdbRow, StrongBox<LocalPort?>> Memo = [];

    /// <summary>
    /// The Interface columns <see cref="ToLocalPort"/> reads, and no more: the monitor keeps every
    /// monitored column of every interface of the switch (10,000 on a big chassis), and each
    /// column it does not need (mac_in_use, error, ofport_request) costs memory per row and an
    /// update from ovsdb-server whenever it changes.
    /// </summary>
    public static readonly IReadOnlyList<string> InterfaceColumns =
        ["name", "type", "ofport", "options", "external_ids", "admin_state", "link_state"];

    private readonly OvsdbMonitor _monitor;
    private readonly Channel<LocalPortBatch> _batches =
        Channel.CreateUnbounded<LocalPortBatch>(new UnboundedChannelOptions { SingleWriter = true, SingleReader = false });
    private readonly CancellationTokenSource _stop = new();
    private volatile LocalPortState _state;
    private Task _pump = Task.CompletedTask;

    private LocalPortBindingMonitor(OvsdbMonitor monitor, string integrationBridge)
    {
        _monitor = monitor;
        _state = LocalPortState.Initial(integrationBridge);
    }

    /// <summary>The ready ports as of the last batch.</summary>
    public LocalPortView View => _state.View;

    /// <summary>The batches of events, starting with the initial plug of every ready port.</summary>
    public ChannelReader<LocalPortBatch> Batches => _batches.Reader;

    /// <summary>Starts watching; returns once the initial view is known.</summary>
    public static async Task<LocalPortBindingMonitor> StartAsync(
        OvsdbClient client, string integrationBridge = "br-int", string database = "Open_vSwitch",
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var monitor = await client.MonitorAsync(database,
        [
            new OvsdbMonitorRequest(BridgeRow.Table, ["name", "ports"]),
            new OvsdbMonitorRequest(PortRow.Table, ["name", "interfaces"]),
            new OvsdbMonitorRequest(InterfaceRow.Table, InterfaceColumns),
        ], cancellationToken);
        var binding = new LocalPortBindingMonitor(monitor, integrationBridge);
        var initial = await monitor.Updates.ReadAsync(cancellationToken);
        binding.Publish(initial);
        binding._pump = Task.Run(binding.PumpAsync, CancellationToken.None);
        return binding;
    }

    /// <summary>Stops watching and completes <see cref="Batches"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _monitor.DisposeAsync();
        await _pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _batches.Writer.TryComplete();
        _stop.Dispose();
    }

    /// <summary>The ready ports of <paramref name="bridgeName"/> in a database view.</summary>
    public static LocalPortView Compute(OvsdbDatabaseView view, string bridgeName) => ComputeWithMembers(view, bridgeName).View;

    internal static (LocalPortView View, ImmutableHashSet<Guid> Interfaces) ComputeWithMembers(OvsdbDatabaseView view, string bridgeName)
    {
        ArgumentNullException.ThrowIfNull(view);
        var bridge = view.Table(BridgeRow.Table).Values.Where(b => b.GetString("name") == bridgeName).Select(BridgeRow.From).FirstOrDefault();
        if (bridge is null)
        {
            return (LocalPortView.Empty, []);
        }

        var ports = ImmutableDictionary.CreateBuilder<Guid, LocalPort>();
        var members = ImmutableHashSet.CreateBuilder<Guid>();
        foreach (var portUuid in bridge.Ports)
        {
            if (view.Row(PortRow.Table, portUuid) is not { } portRow)
            {
                continue;
            }

            foreach (var ifaceUuid in portRow.GetUuids("interfaces"))
            {
                members.Add(ifaceUuid);
                if (view.Row(InterfaceRow.Table, ifaceUuid) is { } row
                    && Memo.GetValue(row, static r => new StrongBox<LocalPort?>(ToLocalPort(InterfaceRow.From(r)))).Value is { } port)
                {
                    ports[port.InterfaceUuid] = port;
                }
            }
        }

        return (new LocalPortView(ports.ToImmutable()), members.ToImmutable());
    }

    internal static LocalPort? ToLocalPort(InterfaceRow iface)
    {
        if (iface.Ofport is not { } ofport || ofport is <= 0 or > int.MaxValue)
        {
            return null; // Not ready: vswitchd has not assigned a port number (empty) or failed (-1).
        }

        LocalPortKind kind;
        if (ChassisBootstrap.IsVirtualTunnel(iface))
        {
            kind = LocalPortKind.Tunnel;
        }
        else if (iface.Type == "patch")
        {
            kind = LocalPortKind.Patch;
        }
        else if (iface.ExternalIds.TryGetValue(ExternalIdKeys.IfaceId, out var id) && id.Length > 0)
        {
            kind = LocalPortKind.Vm;
        }
        else
        {
            return null; // The bridge's own internal port, or something not ours.
        }

        return new LocalPort(
            iface.Uuid,
            iface.Name,
            kind,
            (int)ofport,
            kind == LocalPortKind.Vm ? iface.ExternalIds[ExternalIdKeys.IfaceId] : null,
            kind == LocalPortKind.Vm ? iface.ExternalIds.GetValueOrDefault(ExternalIdKeys.AttachedMac) : null,
            iface.AdminState == "up",
            iface.LinkState == "up",
            kind == LocalPortKind.Tunnel ? iface.Type : null,
            kind == LocalPortKind.Patch ? iface.Options.GetValueOrDefault("peer") : null,
            kind == LocalPortKind.Patch ? iface.ExternalIds.GetValueOrDefault(ExternalIdKeys.PhysicalNetwork) : null);
    }

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var update in _monitor.Updates.ReadAllAsync(_stop.Token))
            {
                Publish(update);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private void Publish(OvsdbMonitorUpdate update)
    {
        var (next, events) = _state.Apply(update);
        _state = next;
        if (events.Count > 0 || update.Kind == OvsdbMonitorUpdateKind.Resync)
        {
            _batches.Writer.TryWrite(new LocalPortBatch(events, next.View, update.Kind == OvsdbMonitorUpdateKind.Resync));
        }
    }
}
