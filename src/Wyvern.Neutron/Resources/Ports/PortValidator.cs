using System.Text.Json;
using System.Text.Json.Nodes;
using Wyvern.Model;
using Wyvern.Neutron.Auth;
using Wyvern.Neutron.Http;
using Wyvern.Neutron.Ipam;

namespace Wyvern.Neutron.Resources.Ports;

/// <summary>The port attributes a request may give and their parsing (fixed_ips, address pairs, DHCP options, binding).</summary>
internal static class PortValidator
{
    private static readonly string[] Binding = ["binding:host_id", "binding:profile"];

    private static readonly string[] Updatable =
    [
        "admin_state_up", "mac_address", "fixed_ips", "device_owner", "device_id", "security_groups", "port_security_enabled",
        "allowed_address_pairs", "extra_dhcp_opts", "binding:host_id", "binding:profile", "binding:vnic_type",
    ];

    private static readonly HashSet<string> Create = StandardAttributes.Set(StandardAttributes.OnCreate, Updatable, ["network_id"]);

    private static readonly HashSet<string> Update = StandardAttributes.Set(StandardAttributes.OnUpdate, Updatable);

    private static readonly HashSet<string> Known = StandardAttributes.Set(
        Create, StandardAttributes.ReadOnly, ["binding:vif_type", "binding:vif_details"]);

    private static readonly HashSet<string> VnicTypes = ["normal", "direct", "macvtap", "baremetal", "direct-physical", "virtio-forwarder", "smart-nic", "remote-managed"];

    /// <summary>The attributes of a create.</summary>
    public static Attributes ForCreate(RequestContext context, JsonObject body) => Check(context, new Attributes(body, Create, Known), "create_port");

    /// <summary>The attributes of an update.</summary>
    public static Attributes ForUpdate(RequestContext context, JsonObject body) => Check(context, new Attributes(body, Update, Known), "update_port");

    /// <summary>fixed_ips of the request: each with subnet_id and/or ip_address.</summary>
    public static IReadOnlyList<FixedIpRequest> FixedIps(Attributes attributes)
    {
        var entries = new List<FixedIpRequest>();
        foreach (var node in attributes.List("fixed_ips"))
        {
            if (node is not JsonObject entry || entry.Count == 0 || entry.Any(kv => kv.Key is not ("subnet_id" or "ip_address")))
            {
                throw NeutronErrors.InvalidAttribute("fixed_ips", $"'{node?.ToJsonString()}' is not a fixed IP with subnet_id and/or ip_address");
            }
            var subnet = entry["subnet_id"] is { } s ? StringOf("fixed_ips", s) : null;
            var address = entry["ip_address"] is { } a ? Attributes.ParseIp("fixed_ips", StringOf("fixed_ips", a)) : null;
            if (subnet is null && address is null)
            {
                throw NeutronErrors.InvalidAttribute("fixed_ips", "a fixed IP needs subnet_id or ip_address");
            }
            entries.Add(new FixedIpRequest(subnet, address));
        }
        var addresses = entries.Where(e => e.IpAddress is not null).Select(e => e.IpAddress!).ToList();
        if (addresses.Distinct().Count() != addresses.Count)
        {
            throw NeutronErrors.InvalidAttribute("fixed_ips", "Duplicate IP address");
        }
        return entries;
    }

    /// <summary>allowed_address_pairs: an IP or CIDR, and an optional MAC; each pair once.</summary>
    public static ValueList<AllowedAddressPair> AddressPairs(Attributes attributes)
    {
        var pairs = new List<AllowedAddressPair>();
        foreach (var node in attributes.List("allowed_address_pairs"))
        {
            if (node is not JsonObject pair || pair["ip_address"] is not { } ip || pair.Any(kv => kv.Key is not ("ip_address" or "mac_address")))
            {
                throw NeutronErrors.BadRequest("AllowedAddressPair must contain ip_address");
            }
            var prefix = Attributes.ParseCidr("allowed_address_pairs", StringOf("allowed_address_pairs", ip), strict: false);
            var mac = pair["mac_address"] is { } m ? Attributes.ParseMac("allowed_address_pairs", StringOf("allowed_address_pairs", m)) : (MacAddress?)null;
            pairs.Add(new AllowedAddressPair(prefix, mac));
        }
        if (pairs.Distinct().Count() != pairs.Count)
        {
            throw NeutronErrors.BadRequest("Duplicate address detected");
        }
        return new ValueList<AllowedAddressPair>(pairs);
    }

    /// <summary>extra_dhcp_opts applied to <paramref name="current"/>: a null opt_value removes the option.</summary>
    public static ValueList<ExtraDhcpOption> DhcpOptions(Attributes attributes, ValueList<ExtraDhcpOption> current)
    {
        var options = current.ToList();
        foreach (var node in attributes.List("extra_dhcp_opts"))
        {
            if (node is not JsonObject option || option["opt_name"] is not { } n
                || option.Any(kv => kv.Key is not ("opt_name" or "opt_value" or "ip_version")))
            {
                throw NeutronErrors.InvalidAttribute("extra_dhcp_opts", $"'{node?.ToJsonString()}' is not a DHCP option with opt_name and opt_value");
            }
            var name = StringOf("extra_dhcp_opts", n);
            var version = option["ip_version"] is { } v ? Attributes.ToInt("extra_dhcp_opts", v) : 4;
            if (name.Length == 0 || version is not (4 or 6))
            {
                throw NeutronErrors.InvalidAttribute("extra_dhcp_opts", $"'{node.ToJsonString()}' has an empty name or an ip_version other than 4 or 6");
            }
            var ipVersion = version == 6 ? IpVersion.V6 : IpVersion.V4;
            options.RemoveAll(o => o.OptName == name && o.IpVersion == ipVersion);
            if (option["opt_value"] is { } value)
            {
                options.Add(new ExtraDhcpOption(name, StringOf("extra_dhcp_opts", value), ipVersion));
            }
        }
        return new ValueList<ExtraDhcpOption>(options);
    }

    /// <summary>binding:profile as string values (nested values kept as JSON text).</summary>
    public static ValueMap Profile(Attributes attributes)
    {
        var profile = attributes.Object("binding:profile", nullable: true);
        return profile is null ? ValueMap.Empty : new ValueMap(profile.Select(kv => KeyValuePair.Create(kv.Key,
            kv.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : kv.Value?.ToJsonString() ?? "null")));
    }

    /// <summary>binding:vnic_type.</summary>
    public static string VnicType(Attributes attributes)
    {
        var vnic = attributes.RequiredString("binding:vnic_type");
        return VnicTypes.Contains(vnic) ? vnic : throw NeutronErrors.InvalidAttribute("binding:vnic_type", $"'{vnic}' is not in {string.Join(", ", VnicTypes)}");
    }

    /// <summary>security_groups ids, each once.</summary>
    public static IReadOnlyList<string> SecurityGroups(Attributes attributes) =>
        [.. attributes.List("security_groups").Select(n => StringOf("security_groups", n)).Distinct()];

    private static string StringOf(string name, JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var text)
            ? text
            : throw NeutronErrors.InvalidAttribute(name, $"'{node?.ToJsonString() ?? "None"}' is not a valid string");

    private static Attributes Check(RequestContext context, Attributes attributes, string action)
    {
        foreach (var name in Binding.Where(attributes.Has))
        {
            context.RequireAdminFor(action, name);
        }
        if (attributes.Has("mac_address") && action == "update_port")
        {
            context.RequireAdminFor(action, "mac_address");
        }
        return attributes;
    }
}
