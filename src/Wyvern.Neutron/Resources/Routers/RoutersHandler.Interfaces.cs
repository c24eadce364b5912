using System.Text.Json.Nodes;
using Wyvern.Model;
using Wyvern.Neutron.Auth;
using Wyvern.Neutron.Ipam;
using Wyvern.Northbound;

namespace Wyvern.Neutron.Resources.Routers;

/// <summary>add_router_interface and remove_router_interface, by subnet or by port.</summary>
internal sealed partial class RoutersHandler
{
    private const string InterfaceOwner = "network:router_interface";

    /// <summary>Connects the router to a subnet: a new port with the subnet's gateway IP, or an existing unowned port.</summary>
    public async Task<JsonObject> AddInterfaceAsync(RequestContext context, string id, JsonObject body, CancellationToken cancellationToken)
    {
        var router = await backend.RouterAsync(context, id, cancellationToken);
        var (subnetId, portId) = RouterValidator.Interface(body);
        var transaction = new NbTransaction();
        LogicalPort port;
        Subnet subnet;
        if (subnetId is not null)
        {
            subnet = await backend.SubnetAsync(context, subnetId, cancellationToken);
            if (subnet.GatewayIp is null)
            {
                throw NeutronErrors.BadRequest($"Bad router request: Subnet {subnet.Id} does not have a gateway IP.");
            }
            CheckNewSubnet(router, subnet);
            port = await backend.NewDevicePortAsync(
                subnet.NetworkId, InterfaceOwner, router.Id, router.ProjectId ?? "", [new FixedIpRequest(subnet.Id, subnet.GatewayIp)], cancellationToken);
            transaction.Create(port);
        }
        else
        {
            port = await backend.PortAsync(context, portId!, cancellationToken);
            if (port.DeviceOwner.Length > 0 || port.DeviceId.Length > 0)
            {
                throw NeutronErrors.Conflict("PortInUse",
                    $"Unable to complete operation on port {port.Id} for network {port.NetworkId}. Port already has an attached device {port.DeviceId}.");
            }
            if (port.FixedIps.Count != 1)
            {
                throw NeutronErrors.BadRequest($"Bad router request: Router port {port.Id} must have exactly one fixed IP.");
            }
            subnet = await backend.Store.GetAsync<Subnet>(port.FixedIps[0].SubnetId, cancellationToken)
                ?? throw NeutronErrors.SubnetNotFound(port.FixedIps[0].SubnetId);
            CheckNewSubnet(router, subnet);
            port = port with
            {
                DeviceOwner = InterfaceOwner,
                DeviceId = router.Id,
                SecurityGroupIds = [],
                PortSecurityEnabled = false,
                UpdatedAt = backend.Now,
                RevisionNumber = port.RevisionNumber + 1,
            };
            transaction.Update(port);
        }
        var routerPort = new RouterPort
        {
            Id = port.Id,
            Key = port.Key,
            NetworkId = port.NetworkId,
            SubnetId = subnet.Id,
            MacAddress = port.MacAddress,
            IpAddress = port.FixedIps[0].IpAddress,
            Network = subnet.Cidr,
        };
        transaction.Update(router with
        {
            Ports = router.Ports.Add(routerPort),
            UpdatedAt = backend.Now,
            RevisionNumber = router.RevisionNumber + 1,
        });
        await backend.Store.CommitAsync(transaction, cancellationToken);
        return InterfaceInfo(router, routerPort);
    }

    /// <summary>Disconnects the router from a subnet or port, deleting the interface port.</summary>
    public async Task<JsonObject> RemoveInterfaceAsync(RequestContext context, string id, JsonObject body, CancellationToken cancellationToken)
    {
        var router = await backend.RouterAsync(context, id, cancellationToken);
        var (subnetId, portId) = RouterValidator.Interface(body);
        var routerPort = subnetId is not null
            ? router.Ports.FirstOrDefault(p => p.SubnetId == subnetId)
                ?? throw NeutronErrors.NotFound("RouterInterfaceNotFoundForSubnet", $"Router {id} has no interface on subnet {subnetId}")
            : router.Ports.FirstOrDefault(p => p.Id == portId)
                ?? throw NeutronErrors.NotFound("RouterInterfaceNotFound", $"Router {id} does not have an interface with id {portId}");
        var fips = await backend.Store.ListAsync<FloatingIp>(cancellationToken: cancellationToken);
        if (fips.Any(f => f.RouterId == id && f.FixedIpAddress is not null && routerPort.Network.Contains(f.FixedIpAddress)))
        {
            throw NeutronErrors.Conflict("RouterInterfaceInUseByFloatingIP",
                $"Router interface for subnet {routerPort.SubnetId} on router {id} cannot be deleted, as it is required by one or more floating IPs.");
        }
        var remaining = router.Ports.RemoveAll(p => p.Id == routerPort.Id);
        if (router.Routes.FirstOrDefault(r => routerPort.Network.Contains(r.NextHop) && !remaining.Any(p => p.Network.Contains(r.NextHop))) is { } route)
        {
            throw NeutronErrors.Conflict("RouterInterfaceInUseByRoute",
                $"Router interface for subnet {routerPort.SubnetId} on router {id} cannot be deleted, as it is required by one or more routes ({route.Destination} via {route.NextHop}).");
        }
        var transaction = new NbTransaction()
            .Delete<LogicalPort>(routerPort.Id)
            .Update(router with { Ports = remaining, UpdatedAt = backend.Now, RevisionNumber = router.RevisionNumber + 1 });
        await backend.Store.CommitAsync(transaction, cancellationToken);
        return InterfaceInfo(router, routerPort);
    }

    // One subnet per router once, and no two overlapping subnets on one router.
    private static void CheckNewSubnet(LogicalRouter router, Subnet subnet)
    {
        if (router.Ports.Any(p => p.SubnetId == subnet.Id))
        {
            throw NeutronErrors.BadRequest($"Bad router request: Router already has a port on subnet {subnet.Id}.");
        }
        if (router.Ports.FirstOrDefault(p => IpMath.Overlaps(p.Network, subnet.Cidr)) is { } other)
        {
            throw NeutronErrors.BadRequest(
                $"Bad router request: Cidr {subnet.Cidr} of subnet {subnet.Id} overlaps with cidr {other.Network} of subnet {other.SubnetId}.");
        }
    }

    private static JsonObject InterfaceInfo(LogicalRouter router, RouterPort port) => new()
    {
        ["id"] = router.Id,
        ["tenant_id"] = router.ProjectId ?? "",
        ["project_id"] = router.ProjectId ?? "",
        ["port_id"] = port.Id,
        ["network_id"] = port.NetworkId,
        ["subnet_id"] = port.SubnetId,
        ["subnet_ids"] = new JsonArray(port.SubnetId),
    };
}
