using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wyvern.Model;
using Wyvern.Neutron.Http;

namespace Wyvern.Neutron.Resources.SecurityGroups;

/// <summary>The checks of a new security group rule: direction, ethertype, protocol, port or ICMP range, remote.</summary>
internal static class SecurityGroupRuleValidator
{
    public static readonly HashSet<string> Create = StandardAttributes.Set(
        ["description", "project_id", "tenant_id", "security_group_id", "direction", "ethertype", "protocol",
         "port_range_min", "port_range_max", "remote_ip_prefix", "remote_group_id", "remote_address_group_id"]);

    public static readonly HashSet<string> Known = StandardAttributes.Set(Create, StandardAttributes.ReadOnly, ["name", "normalized_cidr"]);

    /// <summary>The rule the attributes describe (id, project and timestamps to be set by the caller).</summary>
    public static SecurityGroupRule Rule(Attributes attributes, string id)
    {
        if (attributes.Has("remote_address_group_id") && attributes.String("remote_address_group_id", nullable: true) is not null)
        {
            throw NeutronErrors.InvalidInput("address groups are not supported");
        }
        var direction = attributes.Has("direction") ? attributes.String("direction", nullable: true) : null;
        var ruleDirection = direction switch
        {
            "ingress" => RuleDirection.Ingress,
            "egress" => RuleDirection.Egress,
            _ => throw NeutronErrors.InvalidAttribute("direction", $"'{direction ?? "None"}' is not in ['ingress', 'egress']"),
        };
        var ethertypeText = attributes.Has("ethertype") ? attributes.RequiredString("ethertype") : "IPv4";
        var etherType = ethertypeText.ToUpperInvariant() switch
        {
            "IPV4" => EtherType.IPv4,
            "IPV6" => EtherType.IPv6,
            _ => throw NeutronErrors.InvalidAttribute("ethertype", $"'{ethertypeText}' is not in ['IPv4', 'IPv6']"),
        };
        var protocol = Protocol(attributes);
        if (protocol == 1 && etherType == EtherType.IPv6)
        {
            protocol = 58; // Neutron reads "icmp" on an IPv6 rule as ipv6-icmp.
        }
        var (min, max) = PortRange(attributes, protocol);
        var prefix = attributes.Has("remote_ip_prefix") && attributes.String("remote_ip_prefix", nullable: true) is { } text
            ? Attributes.ParseCidr("remote_ip_prefix", text, strict: false)
            : (System.Net.IPNetwork?)null;
        var remoteGroup = attributes.Has("remote_group_id") ? attributes.String("remote_group_id", nullable: true) : null;
        if (prefix is not null && remoteGroup is not null)
        {
            throw NeutronErrors.BadRequest("Only remote_ip_prefix or remote_group_id may be provided.");
        }
        if (prefix is { } p && (p.BaseAddress.AddressFamily == AddressFamily.InterNetwork) != (etherType == EtherType.IPv4))
        {
            throw NeutronErrors.BadRequest($"Conflicting value ethertype {ethertypeText} for CIDR {p}");
        }
        return new SecurityGroupRule
        {
            Id = id,
            Direction = ruleDirection,
            EtherType = etherType,
            Protocol = protocol,
            PortRangeMin = min,
            PortRangeMax = max,
            RemoteIpPrefix = prefix,
            RemoteGroupId = remoteGroup,
            Description = attributes.Has("description") ? attributes.RequiredString("description") : "",
        };
    }

    /// <summary>True when two rules match the same traffic (Neutron's SecurityGroupRuleExists).</summary>
    public static bool SameTraffic(SecurityGroupRule a, SecurityGroupRule b) =>
        a.Direction == b.Direction && a.EtherType == b.EtherType && a.Protocol == b.Protocol
        && a.PortRangeMin == b.PortRangeMin && a.PortRangeMax == b.PortRangeMax
        && Equals(a.RemoteIpPrefix, b.RemoteIpPrefix) && a.RemoteGroupId == b.RemoteGroupId;

    private static int? Protocol(Attributes attributes)
    {
        if (!attributes.Has("protocol"))
        {
            return null;
        }
        var node = attributes.Node("protocol");
        var text = node switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => throw NeutronErrors.InvalidAttribute("protocol", $"'{node.ToJsonString()}' is not a valid protocol"),
        };
        return IpProtocols.TryParse(text, out var protocol)
            ? protocol
            : throw new NeutronException(400, "SecurityGroupRuleInvalidProtocol",
                $"Security group rule protocol {text} not supported. Only protocol values [None, tcp, udp, icmp, …] and integer representations [0 to 255] are supported.");
    }

    private static (int? Min, int? Max) PortRange(Attributes attributes, int? protocol)
    {
        var min = attributes.Has("port_range_min") ? attributes.Int("port_range_min", nullable: true) : null;
        var max = attributes.Has("port_range_max") ? attributes.Int("port_range_max", nullable: true) : null;
        if (min is null && max is null)
        {
            return (null, null);
        }
        if (protocol is null)
        {
            throw new NeutronException(400, "SecurityGroupProtocolRequiredWithPorts", "Must also specify protocol if port range is given.");
        }
        if (IpProtocols.WithPorts.Contains(protocol.Value))
        {
            if (min is null or < 1 or > 65535 || max is null or < 1 or > 65535)
            {
                throw new NeutronException(400, "SecurityGroupInvalidPortValue", $"Invalid value for port {min?.ToString() ?? max?.ToString()}.");
            }
            if (min > max)
            {
                throw new NeutronException(400, "SecurityGroupInvalidPortRange", "For TCP/UDP protocols, port_range_min must be <= port_range_max");
            }
            return (min, max);
        }
        if (IpProtocols.Icmp.Contains(protocol.Value))
        {
            if (min is not null and (< 0 or > 255) || max is not null and (< 0 or > 255))
            {
                throw new NeutronException(400, "SecurityGroupInvalidIcmpValue", $"Invalid value for ICMP {(min is < 0 or > 255 ? "type" : "code")} (port-range-{(min is < 0 or > 255 ? "min" : "max")}).");
            }
            if (min is null && max is not null)
            {
                throw new NeutronException(400, "SecurityGroupMissingIcmpType", $"ICMP code (port-range-max) {max} is provided but ICMP type (port-range-min) is missing.");
            }
            return (min, max);
        }
        throw NeutronErrors.InvalidInput($"Port range is not supported for protocol {IpProtocols.Name(protocol)}");
    }
}
