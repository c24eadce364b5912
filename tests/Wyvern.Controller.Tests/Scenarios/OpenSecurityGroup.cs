using Wyvern.Model;

namespace Wyvern.Controller.Tests.Scenarios;

/// <summary>
/// A security group that admits everything, both ways, IPv4 and IPv6: the
/// group of the ports of scenarios that test forwarding, not filtering
/// (a port with port security on and no group would receive nothing).
/// </summary>
internal static class OpenSecurityGroup
{
    public const string Id = "sg-open";

    public static readonly SecurityGroup Group = new()
    {
        Id = Id,
        Key = 900,
        Name = "open",
        Rules =
        [
            new SecurityGroupRule { Id = "open-in4", Direction = RuleDirection.Ingress, EtherType = EtherType.IPv4 },
            new SecurityGroupRule { Id = "open-in6", Direction = RuleDirection.Ingress, EtherType = EtherType.IPv6 },
            new SecurityGroupRule { Id = "open-out4", Direction = RuleDirection.Egress, EtherType = EtherType.IPv4 },
            new SecurityGroupRule { Id = "open-out6", Direction = RuleDirection.Egress, EtherType = EtherType.IPv6 },
        ],
    };
}
