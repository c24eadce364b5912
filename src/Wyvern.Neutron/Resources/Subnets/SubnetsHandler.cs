using System.Text.Json.Nodes;
using Wyvern.Model;
using Wyvern.Neutron.Auth;
using Wyvern.Neutron.Http;
using Wyvern.Neutron.Ipam;

namespace Wyvern.Neutron.Resources.Subnets;

/// <summary><c>/v2.0/subnets</c>: IPv4 and IPv6 subnets with gateway, pools, DNS and host routes.</summary>
internal sealed class SubnetsHandler(NeutronBackend backend) : IResourceHandler
{
    public string Collection => "subnets";

    public string CollectionKey => "subnets";

    public string Member => "subnet";

    public async Task<IReadOnlyList<JsonObject>> ListAsync(RequestContext context, CancellationToken cancellationToken)
    {
        var subnets = await backend.Store.ListAsync<Subnet>(cancellationToken: cancellationToken);
        var networks = (await backend.Store.ListAsync<LogicalSwitch>(cancellationToken: cancellationToken)).ToDictionary(n => n.Id);
        return [.. subnets
            .Where(s => context.Owns(s.ProjectId) || networks.TryGetValue(s.NetworkId, out var n) && (n.Shared || n.External))
            .Select(Render)];
    }

    public async Task<JsonObject> ShowAsync(RequestContext context, string id, CancellationToken cancellationToken) =>
        Render(await backend.SubnetAsync(context, id, cancellationToken));

    public async Task<JsonObject> CreateAsync(RequestContext context, JsonObject body, CancellationToken cancellationToken)
    {
        var attributes = new Attributes(body, SubnetValidator.Create, SubnetValidator.Known);
        if (!attributes.Has("network_id"))
        {
            throw NeutronErrors.BadRequest("Failed to parse request. Required attribute 'network_id' not specified");
        }
        var network = await backend.NetworkAsync(context, attributes.RequiredString("network_id"), cancellationToken);
        var project = StandardAttributes.ProjectOf(context, attributes);
        if (!context.IsAdmin && network.ProjectId != project)
        {
            throw NeutronErrors.NetworkNotFound(network.Id);
        }
        var cidr = SubnetValidator.Cidr(attributes);
        var gateway = SubnetValidator.Gateway(attributes, cidr, null, creating: true);
        var (ra, addressMode) = SubnetValidator.Ipv6Modes(attributes, cidr);
        var siblings = (await backend.Store.ListAsync<Subnet>(cancellationToken: cancellationToken)).Where(s => s.NetworkId == network.Id);
        if (siblings.FirstOrDefault(s => IpMath.Overlaps(s.Cidr, cidr)) is { } overlapping)
        {
            throw NeutronErrors.InvalidInput(
                $"Requested subnet with cidr: {cidr} for network: {network.Id} overlaps with another subnet {overlapping.Id}");
        }
        var now = backend.Now;
        var subnet = new Subnet
        {
            Id = NeutronBackend.NewId(),
            ProjectId = project,
            NetworkId = network.Id,
            Cidr = cidr,
            GatewayIp = gateway,
            AllocationPools = SubnetValidator.Pools(attributes, cidr, gateway, null),
            EnableDhcp = !attributes.Has("enable_dhcp") || attributes.Bool("enable_dhcp"),
            DnsNameservers = SubnetValidator.DnsNameservers(attributes, []),
            HostRoutes = SubnetValidator.HostRoutes(attributes, "host_routes", []),
            Ipv6RaMode = ra,
            Ipv6AddressMode = addressMode,
            CreatedAt = now,
            UpdatedAt = now,
        };
        subnet = StandardAttributes.ApplyNameAndDescription(subnet, attributes);
        CheckRouteFamilies(subnet);
        return Render(await backend.Store.CreateAsync(subnet, cancellationToken: cancellationToken));
    }

    public async Task<JsonObject> UpdateAsync(RequestContext context, string id, JsonObject body, CancellationToken cancellationToken)
    {
        var subnet = await OwnedAsync(context, id, cancellationToken);
        var attributes = new Attributes(body, SubnetValidator.Update, SubnetValidator.Known);
        var gateway = SubnetValidator.Gateway(attributes, subnet.Cidr, subnet.GatewayIp, creating: false);
        if (attributes.Has("gateway_ip") && gateway is not null && !gateway.Equals(subnet.GatewayIp)
            && (await backend.Store.ListAsync<LogicalPort>(cancellationToken: cancellationToken))
                .Any(p => p.FixedIps.Any(ip => ip.SubnetId == id && ip.IpAddress.Equals(gateway))))
        {
            throw NeutronErrors.Conflict("GatewayIpInUse", $"Gateway ip {gateway} is in use by a port of subnet {id}");
        }
        var updated = StandardAttributes.ApplyNameAndDescription(subnet, attributes) with
        {
            GatewayIp = gateway,
            AllocationPools = SubnetValidator.Pools(attributes, subnet.Cidr, gateway, subnet.AllocationPools),
            EnableDhcp = attributes.Has("enable_dhcp") ? attributes.Bool("enable_dhcp") : subnet.EnableDhcp,
            DnsNameservers = SubnetValidator.DnsNameservers(attributes, subnet.DnsNameservers),
            HostRoutes = SubnetValidator.HostRoutes(attributes, "host_routes", subnet.HostRoutes),
        };
        CheckRouteFamilies(updated);
        if (updated != subnet)
        {
            updated = updated with { UpdatedAt = backend.Now, RevisionNumber = subnet.RevisionNumber + 1 };
            updated = await backend.Store.UpdateAsync(updated, cancellationToken);
        }
        return Render(updated);
    }

    public async Task DeleteAsync(RequestContext context, string id, CancellationToken cancellationToken)
    {
        var subnet = await OwnedAsync(context, id, cancellationToken);
        var ports = await backend.Store.ListAsync<LogicalPort>(cancellationToken: cancellationToken);
        if (ports.Any(p => p.FixedIps.Any(ip => ip.SubnetId == id)))
        {
            throw NeutronErrors.Conflict("SubnetInUse",
                $"Unable to complete operation on subnet {id}: One or more ports have an IP allocation from this subnet.");
        }
        await backend.Store.DeleteAsync<Subnet>(id, subnet.Version, cancellationToken);
    }

    private async Task<Subnet> OwnedAsync(RequestContext context, string id, CancellationToken cancellationToken)
    {
        var subnet = await backend.SubnetAsync(context, id, cancellationToken);
        return context.Owns(subnet.ProjectId) ? subnet : throw NeutronErrors.SubnetNotFound(id);
    }

    private static void CheckRouteFamilies(Subnet subnet)
    {
        var family = subnet.Cidr.BaseAddress.AddressFamily;
        if (subnet.HostRoutes.Any(r => r.NextHop.AddressFamily != family)
            || subnet.DnsNameservers.Any(d => d.AddressFamily != family))
        {
            throw NeutronErrors.InvalidInput($"host_routes and dns_nameservers of subnet {subnet.Cidr} must be IPv{(int)subnet.IpVersion}");
        }
    }

    /// <summary>A subnet as Neutron renders it.</summary>
    public static JsonObject Render(Subnet subnet)
    {
        var o = StandardAttributes.Render(subnet);
        o["network_id"] = subnet.NetworkId;
        o["ip_version"] = (int)subnet.IpVersion;
        o["cidr"] = subnet.Cidr.ToString();
        o["gateway_ip"] = subnet.GatewayIp?.ToString();
        o["allocation_pools"] = new JsonArray([.. subnet.AllocationPools.Select(p =>
            (JsonNode)new JsonObject { ["start"] = p.Start.ToString(), ["end"] = p.End.ToString() })]);
        o["enable_dhcp"] = subnet.EnableDhcp;
        o["dns_nameservers"] = new JsonArray([.. subnet.DnsNameservers.Select(d => (JsonNode)d.ToString())]);
        o["host_routes"] = RenderRoutes(subnet.HostRoutes);
        o["ipv6_ra_mode"] = SubnetValidator.ModeName(subnet.Ipv6RaMode);
        o["ipv6_address_mode"] = SubnetValidator.ModeName(subnet.Ipv6AddressMode);
        o["subnetpool_id"] = null;
        o["segment_id"] = null;
        o["service_types"] = new JsonArray();
        return o;
    }

    /// <summary>Routes as <c>[{"destination", "nexthop"}]</c>.</summary>
    public static JsonArray RenderRoutes(IEnumerable<HostRoute> routes) =>
        new([.. routes.Select(r => (JsonNode)new JsonObject { ["destination"] = r.Destination.ToString(), ["nexthop"] = r.NextHop.ToString() })]);
}
