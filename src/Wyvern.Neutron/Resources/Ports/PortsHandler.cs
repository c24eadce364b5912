using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Wyvern.Model;
using Wyvern.Neutron.Auth;
using Wyvern.Neutron.Http;
using Wyvern.Neutron.Ipam;
using Wyvern.Northbound;

namespace Wyvern.Neutron.Resources.Ports;

/// <summary><c>/v2.0/ports</c>: fixed IPs from IPAM, generated MACs, binding, security groups, port security, address pairs, DHCP options.</summary>
internal sealed class PortsHandler(NeutronBackend backend) : IResourceHandler
{
    /// <summary>Owners whose ports only the router and floating IP APIs may delete (Neutron's L3PortInUse).</summary>
    private static readonly HashSet<string> L3Owners = ["network:router_interface", "network:router_gateway", "network:floatingip"];

    public string Collection => "ports";

    public string CollectionKey => "ports";

    public string Member => "port";

    // A port's JSON depends on the port alone, and the read cache hands out the same immutable record until it
    // changes: each version is rendered once, and lists of 10,000 ports only filter and write.
    private readonly ConditionalWeakTable<LogicalPort, JsonObject> _rendered = [];

    public async Task<IReadOnlyList<JsonObject>> ListAsync(RequestContext context, CancellationToken cancellationToken)
    {
        var ports = await backend.Store.ListAsync<LogicalPort>(context.IsAdmin ? null : context.ProjectId, cancellationToken);
        return [.. ports.Where(p => context.Owns(p.ProjectId)).Select(p => _rendered.GetValue(p, Render))];
    }

    public async Task<JsonObject> ShowAsync(RequestContext context, string id, CancellationToken cancellationToken) =>
        Render(await backend.PortAsync(context, id, cancellationToken));

    public async Task<JsonObject> CreateAsync(RequestContext context, JsonObject body, CancellationToken cancellationToken)
    {
        var attributes = PortValidator.ForCreate(context, body);
        if (!attributes.Has("network_id"))
        {
            throw NeutronErrors.BadRequest("Failed to parse request. Required attribute 'network_id' not specified");
        }
        var network = await backend.NetworkAsync(context, attributes.RequiredString("network_id"), cancellationToken);
        if (!context.Owns(network.ProjectId) && !network.Shared)
        {
            throw NeutronErrors.NetworkNotFound(network.Id);
        }
        var project = StandardAttributes.ProjectOf(context, attributes);
        var ports = await backend.Store.ListAsync<LogicalPort>(cancellationToken: cancellationToken);
        var mac = attributes.Has("mac_address") ? CheckMac(attributes, network.Id, ports, null) : backend.NewMac(ports);
        var subnets = await SubnetsOfAsync(network.Id, cancellationToken);
        var requested = attributes.Has("fixed_ips") ? PortValidator.FixedIps(attributes) : null;
        var deviceOwner = attributes.Has("device_owner") ? attributes.RequiredString("device_owner") : "";
        var portSecurity = attributes.Has("port_security_enabled") ? attributes.Bool("port_security_enabled") : network.PortSecurityEnabled;
        var now = backend.Now;
        var port = new LogicalPort
        {
            Id = NeutronBackend.NewId(),
            ProjectId = project,
            NetworkId = network.Id,
            MacAddress = mac,
            FixedIps = new PortAllocator(subnets, ports, null).Allocate(network.Id, requested, mac),
            DeviceOwner = deviceOwner,
            DeviceId = attributes.Has("device_id") ? attributes.RequiredString("device_id") : "",
            AdminStateUp = !attributes.Has("admin_state_up") || attributes.Bool("admin_state_up"),
            PortSecurityEnabled = portSecurity,
            CreatedAt = now,
            UpdatedAt = now,
        };
        port = StandardAttributes.ApplyNameAndDescription(port, attributes);
        port = ApplyExtensions(port, attributes);
        port = port with { SecurityGroupIds = await SecurityGroupsForCreateAsync(context, attributes, port, cancellationToken) };
        CheckPortSecurity(port);
        port = port with { Key = await backend.Store.AllocateKeyAsync(KeySpaces.Port, cancellationToken) };
        return Render(await backend.Store.CreateAsync(port, cancellationToken: cancellationToken));
    }

    public async Task<JsonObject> UpdateAsync(RequestContext context, string id, JsonObject body, CancellationToken cancellationToken)
    {
        var port = await backend.PortAsync(context, id, cancellationToken);
        var attributes = PortValidator.ForUpdate(context, body);
        var ports = await backend.Store.ListAsync<LogicalPort>(cancellationToken: cancellationToken);
        var updated = StandardAttributes.ApplyNameAndDescription(port, attributes);
        if (attributes.Has("mac_address"))
        {
            updated = updated with { MacAddress = CheckMac(attributes, port.NetworkId, ports, port.Id) };
        }
        if (attributes.Has("fixed_ips"))
        {
            var subnets = await SubnetsOfAsync(port.NetworkId, cancellationToken);
            updated = updated with
            {
                FixedIps = new PortAllocator(subnets, ports, port.Id).Allocate(port.NetworkId, PortValidator.FixedIps(attributes), updated.MacAddress),
            };
        }
        if (attributes.Has("admin_state_up"))
        {
            updated = updated with { AdminStateUp = attributes.Bool("admin_state_up") };
        }
        if (attributes.Has("device_owner"))
        {
            updated = updated with { DeviceOwner = attributes.RequiredString("device_owner") };
        }
        if (attributes.Has("device_id"))
        {
            updated = updated with { DeviceId = attributes.RequiredString("device_id") };
        }
        if (attributes.Has("port_security_enabled"))
        {
            updated = updated with { PortSecurityEnabled = attributes.Bool("port_security_enabled") };
        }
        updated = ApplyExtensions(updated, attributes);
        if (attributes.Has("security_groups"))
        {
            updated = updated with { SecurityGroupIds = await CheckedGroupsAsync(context, PortValidator.SecurityGroups(attributes), port.ProjectId, cancellationToken) };
        }
        if (!updated.PortSecurityEnabled && updated.SecurityGroupIds.Count > 0)
        {
            throw NeutronErrors.Conflict("PortSecurityPortHasSecurityGroup",
                "Port has security group associated. Cannot disable port security or ip address until security group is removed");
        }
        CheckPortSecurity(updated);
        if (updated == port)
        {
            return Render(port);
        }
        updated = updated with { UpdatedAt = backend.Now, RevisionNumber = port.RevisionNumber + 1 };
        var transaction = new NbTransaction().Update(updated);
        await DisassociateLostFloatingIpsAsync(transaction, updated, cancellationToken);
        await backend.Store.CommitAsync(transaction, cancellationToken);
        return Render(updated);
    }

    public async Task DeleteAsync(RequestContext context, string id, CancellationToken cancellationToken)
    {
        var port = await backend.PortAsync(context, id, cancellationToken);
        if (L3Owners.Contains(port.DeviceOwner))
        {
            throw NeutronErrors.Conflict("L3PortInUse",
                $"Port {id} cannot be deleted directly via the port API: has device owner {port.DeviceOwner}.");
        }
        // Neutron disassociates the port's floating IPs; both writes commit together.
        var transaction = new NbTransaction().Delete<LogicalPort>(id, port.Version);
        foreach (var fip in (await backend.Store.ListAsync<FloatingIp>(cancellationToken: cancellationToken)).Where(f => f.PortId == id))
        {
            transaction.Update(Disassociated(fip));
        }
        await backend.Store.CommitAsync(transaction, cancellationToken);
    }

    private FloatingIp Disassociated(FloatingIp fip) => fip with
    {
        PortId = null,
        FixedIpAddress = null,
        RouterId = null,
        UpdatedAt = backend.Now,
        RevisionNumber = fip.RevisionNumber + 1,
    };

    // A floating IP whose fixed IP the port no longer has loses its association.
    private async Task DisassociateLostFloatingIpsAsync(NbTransaction transaction, LogicalPort updated, CancellationToken cancellationToken)
    {
        foreach (var fip in (await backend.Store.ListAsync<FloatingIp>(cancellationToken: cancellationToken))
            .Where(f => f.PortId == updated.Id && !updated.FixedIps.Any(ip => ip.IpAddress.Equals(f.FixedIpAddress))))
        {
            transaction.Update(Disassociated(fip));
        }
    }

    private static MacAddress CheckMac(Attributes attributes, string networkId, IReadOnlyList<LogicalPort> ports, string? self)
    {
        var mac = Attributes.ParseMac("mac_address", attributes.RequiredString("mac_address"));
        if (ports.Any(p => p.NetworkId == networkId && p.MacAddress == mac && p.Id != self))
        {
            throw NeutronErrors.Conflict("MacAddressInUse", $"Unable to complete operation for network {networkId}. The mac address {mac} is in use.");
        }
        return mac;
    }

    private static LogicalPort ApplyExtensions(LogicalPort port, Attributes attributes)
    {
        if (attributes.Has("allowed_address_pairs"))
        {
            port = port with { AllowedAddressPairs = PortValidator.AddressPairs(attributes) };
        }
        if (attributes.Has("extra_dhcp_opts"))
        {
            port = port with { ExtraDhcpOptions = PortValidator.DhcpOptions(attributes, port.ExtraDhcpOptions) };
        }
        if (attributes.Has("binding:host_id"))
        {
            var host = attributes.String("binding:host_id", nullable: true);
            port = port with { BindingHost = string.IsNullOrEmpty(host) ? null : host };
        }
        if (attributes.Has("binding:vnic_type"))
        {
            port = port with { BindingVnicType = PortValidator.VnicType(attributes) };
        }
        if (attributes.Has("binding:profile"))
        {
            var profile = PortValidator.Profile(attributes);
            // A remote device (DESIGN.md): bound to the chassis named after its VTEP's address; no controller binds it.
            var remote = profile.GetValueOrDefault("port_key") == "remote_port" && IPAddress.TryParse(profile.GetValueOrDefault("host_ip"), out var vtep)
                ? PortBinding.Remote(vtep)
                : null;
            if (profile.GetValueOrDefault("port_key") == "remote_port" && remote is null)
            {
                throw NeutronErrors.InvalidAttribute("binding:profile", "a remote_port needs a valid host_ip");
            }
            port = port with { BindingProfile = profile, Binding = remote ?? (port.Binding?.IsRemote == true ? null : port.Binding) };
        }
        return port;
    }

    private async Task<ValueList<string>> SecurityGroupsForCreateAsync(
        RequestContext context, Attributes attributes, LogicalPort port, CancellationToken cancellationToken)
    {
        if (attributes.Has("security_groups"))
        {
            var requested = PortValidator.SecurityGroups(attributes);
            if (!port.PortSecurityEnabled && requested.Count > 0)
            {
                throw NeutronErrors.BadRequest("Port security must be enabled and port must have an IP address in order to use security groups.");
            }
            return await CheckedGroupsAsync(context, requested, port.ProjectId, cancellationToken);
        }
        // Neutron puts a port in its project's default group, except ports of network devices and ports without port security.
        if (!port.PortSecurityEnabled || port.DeviceOwner.StartsWith("network:", StringComparison.Ordinal))
        {
            return [];
        }
        var group = await backend.EnsureDefaultSecurityGroupAsync(port.ProjectId!, cancellationToken);
        return [group.Id];
    }

    private async Task<ValueList<string>> CheckedGroupsAsync(
        RequestContext context, IReadOnlyList<string> ids, string? projectId, CancellationToken cancellationToken)
    {
        foreach (var id in ids)
        {
            var group = await backend.SecurityGroupAsync(context, id, cancellationToken);
            if (group.ProjectId != projectId)
            {
                throw NeutronErrors.SecurityGroupNotFound(id);
            }
        }
        return new ValueList<string>(ids);
    }

    private static void CheckPortSecurity(LogicalPort port)
    {
        if (!port.PortSecurityEnabled && port.AllowedAddressPairs.Count > 0)
        {
            throw NeutronErrors.Conflict("AddressPairAndPortSecurityRequired",
                "Port Security must be enabled in order to have allowed address pairs on a port.");
        }
    }

    private async Task<IReadOnlyList<Subnet>> SubnetsOfAsync(string networkId, CancellationToken cancellationToken) =>
        [.. (await backend.Store.ListAsync<Subnet>(cancellationToken: cancellationToken)).Where(s => s.NetworkId == networkId)];

    /// <summary>A port as Neutron renders it.</summary>
    public static JsonObject Render(LogicalPort port)
    {
        var o = StandardAttributes.Render(port);
        o["network_id"] = port.NetworkId;
        o["mac_address"] = port.MacAddress.ToString();
        o["fixed_ips"] = new JsonArray([.. port.FixedIps.Select(ip =>
            (JsonNode)new JsonObject { ["subnet_id"] = ip.SubnetId, ["ip_address"] = ip.IpAddress.ToString() })]);
        o["device_owner"] = port.DeviceOwner;
        o["device_id"] = port.DeviceId;
        o["admin_state_up"] = port.AdminStateUp;
        o["status"] = port.Status.ToString().ToUpperInvariant();
        o["port_security_enabled"] = port.PortSecurityEnabled;
        o["security_groups"] = new JsonArray([.. port.SecurityGroupIds.Select(g => (JsonNode)g)]);
        o["allowed_address_pairs"] = new JsonArray([.. port.AllowedAddressPairs.Select(p => (JsonNode)new JsonObject
        {
            ["ip_address"] = p.IpPrefix.PrefixLength == Ipam.IpMath.Bits(p.IpPrefix.BaseAddress.AddressFamily)
                ? p.IpPrefix.BaseAddress.ToString() : p.IpPrefix.ToString(),
            ["mac_address"] = (p.MacAddress ?? port.MacAddress).ToString(),
        })]);
        o["extra_dhcp_opts"] = new JsonArray([.. port.ExtraDhcpOptions.Select(d => (JsonNode)new JsonObject
        {
            ["opt_name"] = d.OptName,
            ["opt_value"] = d.OptValue,
            ["ip_version"] = (int)d.IpVersion,
        })]);
        var bound = port.BindingHost is not null || port.Binding is not null;
        o["binding:host_id"] = port.BindingHost ?? "";
        o["binding:profile"] = new JsonObject([.. port.BindingProfile.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))]);
        o["binding:vif_type"] = bound ? "ovs" : port.BindingVifType;
        o["binding:vif_details"] = bound ? new JsonObject { ["port_filter"] = true, ["ovs_hybrid_plug"] = false } : new JsonObject();
        o["binding:vnic_type"] = port.BindingVnicType;
        return o;
    }
}
