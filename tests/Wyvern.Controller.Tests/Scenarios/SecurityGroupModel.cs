using System.Net;
using Wyvern.Model;

namespace Wyvern.Controller.Tests.Scenarios;

/// <summary>Security groups and rules for scenarios, written the way Neutron stores them.</summary>
internal static class SecurityGroupModel
{
    public const string DefaultId = "sg-default";

    /// <summary>Neutron's default group: all egress, ingress only from members of the group.</summary>
    public static SecurityGroup Default { get; } = Group(DefaultId, 1,
        Rule("d-out4", RuleDirection.Egress),
        Rule("d-out6", RuleDirection.Egress, EtherType.IPv6),
        Rule("d-in4", RuleDirection.Ingress, remoteGroup: DefaultId),
        Rule("d-in6", RuleDirection.Ingress, EtherType.IPv6, remoteGroup: DefaultId));

    public static SecurityGroup Group(string id, int key, params SecurityGroupRule[] rules) =>
        new() { Id = id, Key = key, Name = id, Rules = [.. rules] };

    public static SecurityGroupRule Rule(
        string id, RuleDirection direction, EtherType type = EtherType.IPv4, int? protocol = null, int? min = null, int? max = null,
        string? prefix = null, string? remoteGroup = null) => new()
        {
            Id = id,
            Direction = direction,
            EtherType = type,
            Protocol = protocol,
            PortRangeMin = min,
            PortRangeMax = max,
            RemoteIpPrefix = prefix is null ? null : IPNetwork.Parse(prefix),
            RemoteGroupId = remoteGroup,
        };

    /// <summary>A copy of <paramref name="group"/> with <paramref name="rule"/> appended.</summary>
    public static SecurityGroup With(this SecurityGroup group, SecurityGroupRule rule) => group with { Rules = [.. group.Rules, rule] };

    /// <summary>A copy of <paramref name="group"/> without rule <paramref name="ruleId"/>.</summary>
    public static SecurityGroup Without(this SecurityGroup group, string ruleId) => group with { Rules = [.. group.Rules.Where(r => r.Id != ruleId)] };
}
