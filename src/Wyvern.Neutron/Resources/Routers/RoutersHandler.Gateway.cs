using Wyvern.Model;
using Wyvern.Neutron.Auth;
using Wyvern.Northbound;

namespace Wyvern.Neutron.Resources.Routers;

/// <summary>The router's external gateway: its gateway port on the external network, created, changed or removed.</summary>
internal sealed partial class RoutersHandler
{
    /// <summary>
    /// Adds to <paramref name="transaction"/> what moving <paramref name="router"/>'s gateway to
    /// <paramref name="request"/> takes (null: remove it), and returns the router with its new gateway.
    /// </summary>
    private async Task<LogicalRouter> SetGatewayAsync(
        RequestContext context, NbTransaction transaction, LogicalRouter router, GatewayRequest? request, CancellationToken cancellationToken)
    {
        var current = router.ExternalGateway;
        if (request is not null && request.SnatGiven)
        {
            context.RequireAdminFor("update_router", "external_gateway_info:enable_snat");
        }
        if (request is not null && current is not null && request.NetworkId == current.NetworkId && request.FixedIps is null)
        {
            // Same network, same addresses: only enable_snat may change.
            return router with { ExternalGateway = current with { EnableSnat = request.SnatGiven ? request.EnableSnat : current.EnableSnat } };
        }
        if (current is not null)
        {
            var fips = await backend.Store.ListAsync<FloatingIp>(cancellationToken: cancellationToken);
            if (fips.Any(f => f.RouterId == router.Id))
            {
                throw NeutronErrors.Conflict("RouterExternalGatewayInUseByFloatingIp",
                    $"Gateway cannot be updated for router {router.Id}, since a gateway to external network {current.NetworkId} is required by one or more floating IPs.");
            }
            if (current.PortId is not null)
            {
                transaction.Delete<LogicalPort>(current.PortId);
            }
        }
        if (request is null)
        {
            return router with { ExternalGateway = null, GatewayChassis = [] };
        }
        var network = await backend.Store.GetAsync<LogicalSwitch>(request.NetworkId, cancellationToken);
        if (network is null)
        {
            throw NeutronErrors.NetworkNotFound(request.NetworkId);
        }
        if (!network.External)
        {
            throw NeutronErrors.BadRequest($"Bad router request: Network {network.Id} is not an external network.");
        }
        if (request.FixedIps is not null)
        {
            context.RequireAdminFor("update_router", "external_gateway_info:external_fixed_ips");
        }
        // The old gateway port is deleted in this transaction: its addresses may be taken again.
        var port = await backend.NewDevicePortAsync(
            network.Id, "network:router_gateway", router.Id, "", request.FixedIps, cancellationToken, current?.PortId);
        if (port.FixedIps.Count == 0)
        {
            throw NeutronErrors.BadRequest($"Bad router request: No IP address available on external network {network.Id}.");
        }
        transaction.Create(port);
        return router with
        {
            GatewayChassis = await ScheduleAsync(router.Id, network, cancellationToken),
            ExternalGateway = new ExternalGateway
            {
                NetworkId = network.Id,
                EnableSnat = request.EnableSnat,
                ExternalFixedIps = port.FixedIps,
                PortId = port.Id,
                MacAddress = port.MacAddress,
            },
        };
    }

    /// <summary>
    /// The gateway chassis for a router whose gateway is (now) on <paramref name="network"/>
    /// (<see cref="GatewayScheduler"/>); empty when no live chassis can serve it yet: the
    /// controllers' rescheduler fills it in when one registers.
    /// </summary>
    private async Task<ValueList<string>> ScheduleAsync(string routerId, LogicalSwitch network, CancellationToken cancellationToken)
    {
        if (network is not { PhysicalNetwork: { } physnet, NetworkType: NetworkType.Flat or NetworkType.Vlan })
        {
            return [];
        }
        var chassis = await backend.Store.ListAsync<Chassis>(cancellationToken: cancellationToken);
        var routers = await backend.Store.ListAsync<LogicalRouter>(cancellationToken: cancellationToken);
        return GatewayScheduler.Schedule(routerId, physnet, chassis, routers);
    }
}
