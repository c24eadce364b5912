using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Wyvern.Model;
using Wyvern.Neutron.Auth;
using Wyvern.Neutron.Http;
using Wyvern.Neutron.Ipam;
using Wyvern.Northbound;

namespace Wyvern.Neutron.Resources.FloatingIps;

/// <summary>
/// <c>/v2.0/floatingips</c>: an address of the external network held by a floating port, associated
/// with a port's fixed IP through the router that connects that port's subnet to the external network.
/// </summary>
internal sealed class FloatingIpsHandler(NeutronBackend backend) : IResourceHandler
{
    public string Collection => "floatingips";

    public string CollectionKey => "floatingips";

    public string Member => "floatingip";

    public async Task<IReadOnlyList<JsonObject>> ListAsync(RequestContext context, CancellationToken cancellationToken)
    {
        var fips = await backend.Store.ListAsync<FloatingIp>(context.IsAdmin ? null : context.ProjectId, cancellationToken);
        return [.. fips.Where(f => context.Owns(f.ProjectId)).Select(Render)];
    }

    public async Task<JsonObject> ShowAsync(RequestContext context, string id, CancellationToken cancellationToken) =>
        Render(await OwnedAsync(context, id, cancellationToken));

    public async Task<JsonObject> CreateAsync(RequestContext context, JsonObject body, CancellationToken cancellationToken)
    {
        var attributes = new Attributes(body, FloatingIpValidator.Create, FloatingIpValidator.Known);
        if (!attributes.Has("floating_network_id"))
        {
            throw NeutronErrors.BadRequest("Failed to parse request. Required attribute 'floating_network_id' not specified");
        }
        var networkId = attributes.RequiredString("floating_network_id");
        var network = await backend.Store.GetAsync<LogicalSwitch>(networkId, cancellationToken) ?? throw NeutronErrors.NetworkNotFound(networkId);
        if (!network.External)
        {
            throw NeutronErrors.BadRequest($"Bad floatingip request: Network {networkId} is not a valid external network.");
        }
        var id = NeutronBackend.NewId();
        var project = StandardAttributes.ProjectOf(context, attributes);
        var port = await backend.NewDevicePortAsync(networkId, "network:floatingip", id, "", await AddressRequestAsync(context, attributes, networkId, cancellationToken), cancellationToken);
        var now = backend.Now;
        var fip = new FloatingIp
        {
            Id = id,
            ProjectId = project,
            FloatingIpAddress = port.FixedIps[0].IpAddress,
            FloatingNetworkId = networkId,
            FloatingPortId = port.Id,
            FloatingPortMac = port.MacAddress,
            Description = attributes.Has("description") ? attributes.RequiredString("description") : "",
            CreatedAt = now,
            UpdatedAt = now,
        };
        var (portId, fixedIp) = FloatingIpValidator.Association(attributes);
        if (portId is not null)
        {
            fip = await AssociateAsync(context, fip, portId, fixedIp, cancellationToken);
        }
        await backend.Store.CommitAsync(new NbTransaction().Create(port).Create(fip), cancellationToken);
        return Render(fip);
    }

    public async Task<JsonObject> UpdateAsync(RequestContext context, string id, JsonObject body, CancellationToken cancellationToken)
    {
        var fip = await OwnedAsync(context, id, cancellationToken);
        var attributes = new Attributes(body, FloatingIpValidator.Update, FloatingIpValidator.Known);
        var updated = fip;
        if (attributes.Has("description"))
        {
            updated = updated with { Description = attributes.RequiredString("description") };
        }
        if (attributes.Has("port_id"))
        {
            var (portId, fixedIp) = FloatingIpValidator.Association(attributes);
            updated = portId is null
                ? updated with { PortId = null, FixedIpAddress = null, RouterId = null }
                : await AssociateAsync(context, updated, portId, fixedIp, cancellationToken);
        }
        if (updated == fip)
        {
            return Render(fip);
        }
        updated = updated with { UpdatedAt = backend.Now, RevisionNumber = fip.RevisionNumber + 1 };
        return Render(await backend.Store.UpdateAsync(updated, cancellationToken));
    }

    public async Task DeleteAsync(RequestContext context, string id, CancellationToken cancellationToken)
    {
        var fip = await OwnedAsync(context, id, cancellationToken);
        var transaction = new NbTransaction().Delete<FloatingIp>(id, fip.Version);
        if (fip.FloatingPortId is not null && await backend.Store.GetAsync<LogicalPort>(fip.FloatingPortId, cancellationToken) is not null)
        {
            transaction.Delete<LogicalPort>(fip.FloatingPortId);
        }
        await backend.Store.CommitAsync(transaction, cancellationToken);
    }

    private async Task<IReadOnlyList<FixedIpRequest>> AddressRequestAsync(
        RequestContext context, Attributes attributes, string networkId, CancellationToken cancellationToken)
    {
        var address = attributes.Has("floating_ip_address") ? attributes.Ip("floating_ip_address") : null;
        if (address is not null)
        {
            context.RequireAdminFor("create_floatingip", "floating_ip_address");
        }
        var subnetId = attributes.Has("subnet_id") ? attributes.RequiredString("subnet_id") : null;
        if (subnetId is not null || address is not null)
        {
            return [new FixedIpRequest(subnetId, address)];
        }
        // A floating IP is one IPv4 address: the first IPv4 subnet of the external network with room.
        var subnets = (await backend.Store.ListAsync<Subnet>(cancellationToken: cancellationToken))
            .Where(s => s.NetworkId == networkId && s.IpVersion == IpVersion.V4).ToList();
        if (subnets.Count == 0)
        {
            throw NeutronErrors.BadRequest($"Bad floatingip request: Network {networkId} does not contain any IPv4 subnet");
        }
        var ports = await backend.Store.ListAsync<LogicalPort>(cancellationToken: cancellationToken);
        foreach (var subnet in subnets)
        {
            var used = ports.SelectMany(p => p.FixedIps).Where(ip => ip.SubnetId == subnet.Id).Select(ip => IpMath.ToNumber(ip.IpAddress)).ToHashSet();
            if (SubnetIpam.NextFree(subnet, used) is not null)
            {
                return [new FixedIpRequest(subnet.Id, null)];
            }
        }
        throw NeutronErrors.Conflict("IpAddressGenerationFailure", $"No more IP addresses available on network {networkId}.");
    }

    private async Task<FloatingIp> AssociateAsync(
        RequestContext context, FloatingIp fip, string portId, IPAddress? fixedIp, CancellationToken cancellationToken)
    {
        var port = await backend.PortAsync(context, portId, cancellationToken);
        if (port.ProjectId != fip.ProjectId && !context.IsAdmin)
        {
            throw NeutronErrors.PortNotFound(portId);
        }
        var v4 = port.FixedIps.Where(ip => ip.IpAddress.AddressFamily == AddressFamily.InterNetwork).ToList();
        FixedIp target;
        if (fixedIp is not null)
        {
            target = v4.FirstOrDefault(ip => ip.IpAddress.Equals(fixedIp))
                ?? throw NeutronErrors.BadRequest($"Bad floatingip request: Port {portId} does not have fixed ip {fixedIp}.");
        }
        else if (v4.Count == 1)
        {
            target = v4[0];
        }
        else
        {
            throw NeutronErrors.BadRequest(v4.Count == 0
                ? $"Bad floatingip request: Port {portId} does not have any IPv4 address."
                : $"Bad floatingip request: Port {portId} has multiple fixed IPv4 addresses. Must provide a specific IPv4 address when assigning a floating IP.");
        }
        var routers = await backend.Store.ListAsync<LogicalRouter>(cancellationToken: cancellationToken);
        var router = routers.FirstOrDefault(r => r.ExternalGateway?.NetworkId == fip.FloatingNetworkId && r.Ports.Any(p => p.SubnetId == target.SubnetId))
            ?? throw NeutronErrors.NotFound("ExternalGatewayForFloatingIPNotFound",
                $"External network {fip.FloatingNetworkId} is not reachable from subnet {target.SubnetId}. Therefore, cannot associate Port {portId} with a Floating IP.");
        var fips = await backend.Store.ListAsync<FloatingIp>(cancellationToken: cancellationToken);
        if (fips.FirstOrDefault(f => f.Id != fip.Id && f.PortId == portId && target.IpAddress.Equals(f.FixedIpAddress)) is { } other)
        {
            throw NeutronErrors.Conflict("FloatingIPPortAlreadyAssociated",
                $"Cannot associate floating IP {fip.FloatingIpAddress} ({fip.Id}) with port {portId} using fixed IP {target.IpAddress}, as that fixed IP already has a floating IP on external network {other.FloatingNetworkId}.");
        }
        return fip with { PortId = portId, FixedIpAddress = target.IpAddress, RouterId = router.Id };
    }

    private async Task<FloatingIp> OwnedAsync(RequestContext context, string id, CancellationToken cancellationToken)
    {
        var fip = await backend.Store.GetAsync<FloatingIp>(id, cancellationToken);
        return fip is not null && context.Owns(fip.ProjectId) ? fip : throw NeutronErrors.FloatingIpNotFound(id);
    }

    private static JsonObject Render(FloatingIp fip)
    {
        var o = StandardAttributes.Render(fip, withName: false);
        o["floating_ip_address"] = fip.FloatingIpAddress.ToString();
        o["floating_network_id"] = fip.FloatingNetworkId;
        o["router_id"] = fip.RouterId;
        o["port_id"] = fip.PortId;
        o["fixed_ip_address"] = fip.FixedIpAddress?.ToString();
        o["status"] = fip.PortId is null ? "DOWN" : "ACTIVE";
        return o;
    }
}
