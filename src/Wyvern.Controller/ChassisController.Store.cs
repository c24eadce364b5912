using Microsoft.Extensions.Logging;
using Wyvern.Model;
using Wyvern.Northbound;
using Wyvern.Ovsdb.Binding;

namespace Wyvern.Controller;

public sealed partial class ChassisController
{
    private NbLease? _lease;

    /// <summary>
    /// Writes this chassis to the store, attached to a fresh lease. Not
    /// <see cref="NbLeaseKeeper"/>: that revokes its lease on dispose, and a
    /// controller that stops for a restart must leave its chassis record in
    /// place until the TTL, or every other chassis would drop the flows to
    /// its VMs for the length of the restart.
    /// </summary>
    private async Task RegisterChassisAsync(CancellationToken ct)
    {
        _lease = await _store.GrantLeaseAsync(_options.LeaseTtl, ct);
        var me = new Chassis
        {
            Id = _options.ChassisName,
            UnderlayIp = _options.UnderlayIp,
            TunnelTypes = [.. _options.TunnelTypes],
            BridgeMappings = new ValueMap(_options.BridgeMappings),
            ExternalCapable = _options.BridgeMappings.Count > 0,
            GatewayCapable = _options.GatewayCapable,
            HeartbeatAt = _time.GetUtcNow(),
        };
        for (var attempt = 0; ; attempt++)
        {
            var existing = await _store.GetAsync<Chassis>(me.Id, ct);
            var txn = existing is null ? new NbTransaction().Create(me, _lease.Id) : new NbTransaction().Update(me with { Version = existing.Version }, _lease.Id);
            try
            {
                await _store.CommitAsync(txn, ct);
                _logger.LogInformation("chassis {Chassis} registered ({Ip}, lease {Lease}, ttl {Ttl})", me.Id, me.UnderlayIp, _lease.Id, _options.LeaseTtl);
                return;
            }
            catch (NbConflictException) when (attempt < 5)
            {
                // Raced with the old lease expiring or another writer: read again.
            }
        }
    }

    /// <summary>Renews the lease at a third of its TTL; re-registers if it was lost.</summary>
    private async Task KeepLeaseAsync(CancellationToken ct)
    {
        var period = _options.LeaseTtl / 3;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period, _time, ct);
                if (_lease is null || !await _store.KeepAliveAsync(_lease.Id, ct))
                {
                    _logger.LogWarning("chassis lease lost; registering again");
                    await RegisterChassisAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NbUnavailableException or NbConflictException or HttpRequestException or IOException)
            {
                _logger.LogWarning(e, "lease renewal failed; retrying");
            }
        }
    }

    private async Task PumpWatchAsync(long afterRevision, CancellationToken ct)
    {
        var revision = afterRevision;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await foreach (var e in _store.WatchAsync(revision, ct))
                {
                    await _inputs.Writer.WriteAsync(new ControllerInput.Model(e), ct);
                    revision = e.Revision;
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NbUnavailableException or HttpRequestException or IOException)
            {
                _logger.LogWarning(e, "store watch interrupted at revision {Revision}; resuming", revision);
                await Task.Delay(TimeSpan.FromSeconds(1), _time, ct);
            }
        }
    }

    private async Task PumpBindingsAsync(LocalPortBindingMonitor bindings, CancellationToken ct)
    {
        try
        {
            await foreach (var batch in bindings.Batches.ReadAllAsync(ct))
            {
                await _inputs.Writer.WriteAsync(new ControllerInput.Binding(batch), ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// A port plugged here whose record does not say so yet: write the binding
    /// (this chassis) and status ACTIVE, as Neutron's agents do, in the background.
    /// </summary>
    private void ClaimIfLocal(NbObject value)
    {
        if (value is not LogicalPort port || _engine.State.LocalOfPort(port.Id) is null ||
            (port.Binding?.Chassis == _options.ChassisName && port.Status == PortStatus.Active))
        {
            return;
        }
        _ = Task.Run(async () =>
        {
            for (var attempt = 0; attempt < 5 && !_stop.IsCancellationRequested; attempt++)
            {
                try
                {
                    var current = await _store.GetAsync<LogicalPort>(port.Id, _stop.Token);
                    if (current is null || (current.Binding?.Chassis == _options.ChassisName && current.Status == PortStatus.Active))
                    {
                        return;
                    }
                    await _store.UpdateAsync(current with
                    {
                        Binding = new PortBinding(_options.ChassisName),
                        BindingHost = _options.ChassisName,
                        BindingVifType = "ovs",
                        Status = PortStatus.Active,
                    }, _stop.Token);
                    return;
                }
                catch (NbConflictException)
                {
                }
                catch (Exception e) when (e is NbUnavailableException or OperationCanceledException)
                {
                    return;
                }
            }
        });
    }
}
