using System.Text.Json.Nodes;
using Wyvern.Model;
using Wyvern.Neutron.Auth;
using Wyvern.Northbound;

namespace Wyvern.Neutron.Resources.Networks;

/// <summary><c>/v2.0/networks</c>: networks with provider, external-net, net-mtu and port-security attributes.</summary>
internal sealed class NetworksHandler(NeutronBackend backend) : IResourceHandler
{
    public string Collection => "networks";

    public string CollectionKey => "networks";

    public string Member => "network";

    public async Task<IReadOnlyList<JsonObject>> ListAsync(RequestContext context, CancellationToken cancellationToken)
    {
        var networks = await backend.Store.ListAsync<LogicalSwitch>(cancellationToken: cancellationToken);
        var subnets = (await backend.Store.ListAsync<Subnet>(cancellationToken: cancellationToken)).ToLookup(s => s.NetworkId);
        return [.. networks
            .Where(n => context.Owns(n.ProjectId) || n.Shared || n.External)
            .Select(n => Render(n, subnets[n.Id]))];
    }

    public async Task<JsonObject> ShowAsync(RequestContext context, string id, CancellationToken cancellationToken)
    {
        var network = await backend.NetworkAsync(context, id, cancellationToken);
        return Render(network, await SubnetsOfAsync(id, cancellationToken));
    }

    public async Task<JsonObject> CreateAsync(RequestContext context, JsonObject body, CancellationToken cancellationToken)
    {
        var attributes = NetworkValidator.ForCreate(context, body);
        var project = StandardAttributes.ProjectOf(context, attributes);
        var networks = await backend.Store.ListAsync<LogicalSwitch>(cancellationToken: cancellationToken);
        var (type, physnet, segmentation) = NetworkProvider.Resolve(attributes, backend.Options, networks);
        var maxMtu = NetworkProvider.MaxMtu(type, backend.Options.PhysicalMtu);
        var now = backend.Now;
        var network = new LogicalSwitch
        {
            Id = NeutronBackend.NewId(),
            ProjectId = project,
            NetworkType = type,
            PhysicalNetwork = physnet,
            SegmentationId = segmentation,
            Mtu = attributes.Has("mtu") ? NetworkValidator.CheckMtu(attributes.Int("mtu")!.Value, type, backend.Options.PhysicalMtu) : maxMtu,
            AdminStateUp = !attributes.Has("admin_state_up") || attributes.Bool("admin_state_up"),
            Shared = attributes.Has("shared") && attributes.Bool("shared"),
            External = attributes.Has("router:external") && attributes.Bool("router:external"),
            PortSecurityEnabled = !attributes.Has("port_security_enabled") || attributes.Bool("port_security_enabled"),
            CreatedAt = now,
            UpdatedAt = now,
        };
        network = StandardAttributes.ApplyNameAndDescription(network, attributes);
        network = network with { Key = await backend.Store.AllocateKeyAsync(KeySpaces.Network, cancellationToken) };
        var created = await backend.Store.CreateAsync(network, cancellationToken: cancellationToken);
        return Render(created, []);
    }

    public async Task<JsonObject> UpdateAsync(RequestContext context, string id, JsonObject body, CancellationToken cancellationToken)
    {
        var network = await backend.NetworkAsync(context, id, cancellationToken);
        if (!context.Owns(network.ProjectId))
        {
            throw NeutronErrors.NetworkNotFound(id);
        }
        var attributes = NetworkValidator.ForUpdate(context, body);
        var updated = StandardAttributes.ApplyNameAndDescription(network, attributes);
        if (attributes.Has("admin_state_up"))
        {
            updated = updated with { AdminStateUp = attributes.Bool("admin_state_up") };
        }
        if (attributes.Has("shared"))
        {
            updated = updated with { Shared = attributes.Bool("shared") };
        }
        if (attributes.Has("router:external"))
        {
            updated = updated with { External = attributes.Bool("router:external") };
        }
        if (attributes.Has("port_security_enabled"))
        {
            updated = updated with { PortSecurityEnabled = attributes.Bool("port_security_enabled") };
        }
        if (attributes.Has("mtu"))
        {
            updated = updated with { Mtu = NetworkValidator.CheckMtu(attributes.Int("mtu")!.Value, network.NetworkType, backend.Options.PhysicalMtu) };
        }
        if (network.External && !updated.External
            && (await backend.Store.ListAsync<LogicalPort>(cancellationToken: cancellationToken))
                .Any(p => p.NetworkId == id && p.DeviceOwner is "network:router_gateway" or "network:floatingip"))
        {
            throw NeutronErrors.Conflict("NetworkInUse",
                $"Unable to complete operation on network {id}. There are one or more ports still in use on the network.");
        }
        if (updated != network)
        {
            updated = updated with { UpdatedAt = backend.Now, RevisionNumber = network.RevisionNumber + 1 };
            updated = await backend.Store.UpdateAsync(updated, cancellationToken);
        }
        return Render(updated, await SubnetsOfAsync(id, cancellationToken));
    }

    public async Task DeleteAsync(RequestContext context, string id, CancellationToken cancellationToken)
    {
        var network = await backend.NetworkAsync(context, id, cancellationToken);
        if (!context.Owns(network.ProjectId))
        {
            throw NeutronErrors.NetworkNotFound(id);
        }
        var ports = await backend.Store.ListAsync<LogicalPort>(cancellationToken: cancellationToken);
        if (ports.Any(p => p.NetworkId == id))
        {
            throw NeutronErrors.Conflict("NetworkInUse",
                $"Unable to complete operation on network {id}. There are one or more ports still in use on the network.");
        }
        // The network's subnets go with it, in the same transaction.
        var transaction = new NbTransaction().Delete<LogicalSwitch>(id, network.Version);
        foreach (var subnet in await SubnetsOfAsync(id, cancellationToken))
        {
            transaction.Delete<Subnet>(subnet.Id, subnet.Version);
        }
        await backend.Store.CommitAsync(transaction, cancellationToken);
    }

    private async Task<IReadOnlyList<Subnet>> SubnetsOfAsync(string networkId, CancellationToken cancellationToken) =>
        [.. (await backend.Store.ListAsync<Subnet>(cancellationToken: cancellationToken)).Where(s => s.NetworkId == networkId)];

    private static JsonObject Render(LogicalSwitch network, IEnumerable<Subnet> subnets)
    {
        var o = StandardAttributes.Render(network);
        o["admin_state_up"] = network.AdminStateUp;
        o["status"] = "ACTIVE";
        o["subnets"] = new JsonArray([.. subnets.Select(s => (JsonNode)s.Id)]);
        o["shared"] = network.Shared;
        o["router:external"] = network.External;
        o["provider:network_type"] = NetworkProvider.Name(network.NetworkType);
        o["provider:physical_network"] = network.PhysicalNetwork;
        o["provider:segmentation_id"] = network.SegmentationId;
        o["mtu"] = network.Mtu;
        o["port_security_enabled"] = network.PortSecurityEnabled;
        o["availability_zone_hints"] = new JsonArray();
        o["availability_zones"] = new JsonArray();
        o["ipv4_address_scope"] = null;
        o["ipv6_address_scope"] = null;
        o["l2_adjacency"] = true;
        return o;
    }
}
