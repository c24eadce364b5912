using System.Net;

namespace Wyvern.Model;

/// <summary>
/// A security group rule. <see cref="Protocol"/> is the IP protocol number (Neutron's names
/// are resolved by the API: tcp 6, udp 17, icmp 1, ipv6-icmp 58); null means any. For ICMP
/// the port range carries type (min) and code (max) as in Neutron.
/// </summary>
public sealed record SecurityGroupRule
{
    /// <summary>The rule's Neutron id.</summary>
    public required string Id { get; init; }

    /// <summary>ingress or egress.</summary>
    public required RuleDirection Direction { get; init; }

    /// <summary>IPv4 or IPv6.</summary>
    public EtherType EtherType { get; init; } = EtherType.IPv4;

    /// <summary>IP protocol number; null = any.</summary>
    public int? Protocol { get; init; }

    /// <summary>port_range_min (ICMP type).</summary>
    public int? PortRangeMin { get; init; }

    /// <summary>port_range_max (ICMP code).</summary>
    public int? PortRangeMax { get; init; }

    /// <summary>remote_ip_prefix.</summary>
    public IPNetwork? RemoteIpPrefix { get; init; }

    /// <summary>remote_group_id: members of that group.</summary>
    public string? RemoteGroupId { get; init; }

    /// <summary>project_id of the rule.</summary>
    public string? ProjectId { get; init; }

    /// <summary>description.</summary>
    public string Description { get; init; } = "";

    /// <summary>created_at (a rule is never updated, so it is also its updated_at).</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}
