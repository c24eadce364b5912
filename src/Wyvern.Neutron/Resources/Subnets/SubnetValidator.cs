using System.Net;
using System.Text.Json.Nodes;
using Wyvern.Model;
using Wyvern.Neutron.Http;
using Wyvern.Neutron.Ipam;

namespace Wyvern.Neutron.Resources.Subnets;

/// <summary>The subnet attributes a request may give and their checks (CIDR, gateway, pools, DNS, routes, IPv6 modes).</summary>
internal static class SubnetValidator
{
    private static readonly string[] Updatable = ["gateway_ip", "allocation_pools", "enable_dhcp", "dns_nameservers", "host_routes"];

    public static readonly HashSet<string> Create = StandardAttributes.Set(StandardAttributes.OnCreate, Updatable,
        ["network_id", "cidr", "ip_version", "ipv6_ra_mode", "ipv6_address_mode", "subnetpool_id", "segment_id", "service_types", "use_default_subnetpool"]);

    public static readonly HashSet<string> Update = StandardAttributes.Set(StandardAttributes.OnUpdate, Updatable);

    public static readonly HashSet<string> Known = StandardAttributes.Set(Create, StandardAttributes.ReadOnly);

    /// <summary>The CIDR, checked against ip_version; subnet pools are refused (not implemented).</summary>
    public static IPNetwork Cidr(Attributes attributes)
    {
        if (attributes.Has("subnetpool_id") && attributes.String("subnetpool_id", nullable: true) is not null
            || attributes.Has("use_default_subnetpool") && attributes.Bool("use_default_subnetpool"))
        {
            throw NeutronErrors.InvalidInput("subnet pools are not supported");
        }
        if (attributes.Has("segment_id") && attributes.String("segment_id", nullable: true) is not null)
        {
            throw NeutronErrors.InvalidInput("segments are not supported");
        }
        if (attributes.Has("service_types") && attributes.List("service_types").Count > 0)
        {
            throw NeutronErrors.InvalidInput("service types are not supported");
        }
        if (!attributes.Has("cidr"))
        {
            throw NeutronErrors.BadRequest("Failed to parse request. Required attribute 'cidr' not specified");
        }
        var cidr = Attributes.ParseCidr("cidr", attributes.RequiredString("cidr"), strict: true);
        var version = attributes.Has("ip_version") ? attributes.Int("ip_version") : null;
        var actual = cidr.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 4 : 6;
        if (version is not null and not (4 or 6))
        {
            throw NeutronErrors.InvalidAttribute("ip_version", $"'{version}' is not in [4, 6]");
        }
        if (version is not null && version != actual)
        {
            throw NeutronErrors.InvalidInput($"Cidr {cidr} does not match ip_version {version}");
        }
        if (actual == 4 && cidr.PrefixLength > 30 || actual == 6 && cidr.PrefixLength > 126)
        {
            throw NeutronErrors.InvalidAttribute("cidr", $"'{cidr}' is too small to host addresses");
        }
        return cidr;
    }

    /// <summary>gateway_ip: absent gives the first host, null none; a given one must be a host address of the CIDR.</summary>
    public static IPAddress? Gateway(Attributes attributes, IPNetwork cidr, IPAddress? current, bool creating)
    {
        if (!attributes.Has("gateway_ip"))
        {
            return creating ? SubnetIpam.DefaultGateway(cidr) : current;
        }
        var gateway = attributes.Ip("gateway_ip", nullable: true);
        if (gateway is not null && !SubnetIpam.IsHostAddress(new Subnet { Id = "", NetworkId = "", Cidr = cidr }, gateway))
        {
            throw NeutronErrors.InvalidInput($"Gateway ip {gateway} is not a host address of subnet {cidr}");
        }
        return gateway;
    }

    /// <summary>allocation_pools: inside the host range, start ≤ end, disjoint, not holding the gateway.</summary>
    public static ValueList<IpRange> Pools(Attributes attributes, IPNetwork cidr, IPAddress? gateway, ValueList<IpRange>? current)
    {
        if (!attributes.Has("allocation_pools"))
        {
            return current ?? SubnetIpam.DefaultPools(cidr, gateway);
        }
        var pools = new List<(UInt128 Start, UInt128 End, IpRange Range)>();
        var probe = new Subnet { Id = "", NetworkId = "", Cidr = cidr };
        foreach (var node in attributes.List("allocation_pools"))
        {
            if (node is not JsonObject pool || pool["start"] is not JsonValue s || pool["end"] is not JsonValue e
                || pool.Count != 2 || !s.TryGetValue<string>(out var startText) || !e.TryGetValue<string>(out var endText))
            {
                throw NeutronErrors.InvalidAttribute("allocation_pools", $"'{node?.ToJsonString()}' is not a pool with start and end");
            }
            var start = Attributes.ParseIp("allocation_pools", startText);
            var end = Attributes.ParseIp("allocation_pools", endText);
            if (!SubnetIpam.IsHostAddress(probe, start) || !SubnetIpam.IsHostAddress(probe, end)
                || IpMath.ToNumber(start) > IpMath.ToNumber(end))
            {
                throw NeutronErrors.BadRequest($"The allocation pool {start}-{end} spans beyond the subnet cidr {cidr}.");
            }
            pools.Add((IpMath.ToNumber(start), IpMath.ToNumber(end), new IpRange(start, end)));
        }
        pools.Sort((a, b) => a.Start.CompareTo(b.Start));
        for (var i = 1; i < pools.Count; i++)
        {
            if (pools[i].Start <= pools[i - 1].End)
            {
                throw NeutronErrors.BadRequest(
                    $"Found overlapping allocation pools: {pools[i - 1].Range.Start}-{pools[i - 1].Range.End} and {pools[i].Range.Start}-{pools[i].Range.End} for subnet {cidr}.");
            }
        }
        if (gateway is not null && IpMath.ToNumber(gateway) is var g && pools.Any(p => g >= p.Start && g <= p.End))
        {
            throw NeutronErrors.Conflict("GatewayConflictWithAllocationPools",
                $"Gateway ip {gateway} conflicts with allocation pool {string.Join(", ", pools.Select(p => $"{p.Range.Start}-{p.Range.End}"))}");
        }
        return new ValueList<IpRange>(pools.Select(p => p.Range));
    }

    /// <summary>dns_nameservers: addresses, each once.</summary>
    public static ValueList<IPAddress> DnsNameservers(Attributes attributes, ValueList<IPAddress> current)
    {
        if (!attributes.Has("dns_nameservers"))
        {
            return current;
        }
        var servers = attributes.List("dns_nameservers")
            .Select(n => n is JsonValue v && v.TryGetValue<string>(out var text)
                ? Attributes.ParseIp("dns_nameservers", text)
                : throw NeutronErrors.InvalidAttribute("dns_nameservers", $"'{n?.ToJsonString()}' is not a valid nameserver"))
            .ToList();
        if (servers.Distinct().Count() != servers.Count)
        {
            throw NeutronErrors.InvalidAttribute("dns_nameservers", "Duplicate nameserver");
        }
        return new ValueList<IPAddress>(servers);
    }

    /// <summary>host_routes: destination prefix and next hop of the subnet's family, each once.</summary>
    public static ValueList<HostRoute> HostRoutes(Attributes attributes, string name, ValueList<HostRoute> current)
    {
        if (!attributes.Has(name))
        {
            return current;
        }
        var routes = attributes.List(name).Select(n => ParseRoute(name, n)).ToList();
        if (routes.Distinct().Count() != routes.Count)
        {
            throw NeutronErrors.InvalidAttribute(name, "Duplicate route");
        }
        return new ValueList<HostRoute>(routes);
    }

    /// <summary>ipv6_ra_mode / ipv6_address_mode (IPv6 only; equal when both given).</summary>
    public static (Ipv6Mode? Ra, Ipv6Mode? Address) Ipv6Modes(Attributes attributes, IPNetwork cidr)
    {
        var ra = attributes.Has("ipv6_ra_mode") ? ParseMode("ipv6_ra_mode", attributes.String("ipv6_ra_mode", nullable: true)) : null;
        var address = attributes.Has("ipv6_address_mode") ? ParseMode("ipv6_address_mode", attributes.String("ipv6_address_mode", nullable: true)) : null;
        if ((ra is not null || address is not null) && cidr.BaseAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            throw NeutronErrors.InvalidInput("ipv6_ra_mode or ipv6_address_mode cannot be set when ip_version is 4");
        }
        if (ra is not null && address is not null && ra != address)
        {
            throw NeutronErrors.InvalidInput(
                $"ipv6_ra_mode set to '{ModeName(ra)}' with ipv6_address_mode set to '{ModeName(address)}' is not valid");
        }
        return (ra, address);
    }

    /// <summary>Neutron's name of an IPv6 mode.</summary>
    public static string? ModeName(Ipv6Mode? mode) => mode switch
    {
        Ipv6Mode.Slaac => "slaac",
        Ipv6Mode.Dhcpv6Stateful => "dhcpv6-stateful",
        Ipv6Mode.Dhcpv6Stateless => "dhcpv6-stateless",
        _ => null,
    };

    private static Ipv6Mode? ParseMode(string name, string? text) => text switch
    {
        null => null,
        "slaac" => Ipv6Mode.Slaac,
        "dhcpv6-stateful" => Ipv6Mode.Dhcpv6Stateful,
        "dhcpv6-stateless" => Ipv6Mode.Dhcpv6Stateless,
        _ => throw NeutronErrors.InvalidAttribute(name, $"'{text}' is not in ['dhcpv6-stateful', 'dhcpv6-stateless', 'slaac', None]"),
    };

    private static HostRoute ParseRoute(string name, JsonNode? node)
    {
        if (node is JsonObject route && route.Count == 2
            && route["destination"] is JsonValue d && d.TryGetValue<string>(out var destination)
            && route["nexthop"] is JsonValue h && h.TryGetValue<string>(out var nexthop))
        {
            var prefix = Attributes.ParseCidr(name, destination, strict: true);
            var hop = Attributes.ParseIp(name, nexthop);
            return prefix.BaseAddress.AddressFamily == hop.AddressFamily
                ? new HostRoute(prefix, hop)
                : throw NeutronErrors.InvalidAttribute(name, $"nexthop {hop} does not match the family of {prefix}");
        }
        throw NeutronErrors.InvalidAttribute(name, $"'{node?.ToJsonString()}' is not a route with destination and nexthop");
    }
}
