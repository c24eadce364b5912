using System.Net;
using Wyvern.Model;

namespace Wyvern.EndToEnd.Tests.Controller;

/// <summary>
/// A security group that admits everything, both ways, IPv4 and IPv6: the
/// group of the VMs of tests about forwarding rather than filtering (with
/// port security on and no group, Neutron lets nothing in or out).
/// The IPv4 ingress rule names its remote prefix, 0.0.0.0/0, as the openstack CLI writes a
/// rule created without --remote-ip: a match field masked to nothing, which Open vSwitch leaves
/// out of the flow it keeps (the restart test checks that a resync then changes no flow).
/// </summary>
internal static class OpenSecurityGroup
{
    public const string Id = "e0e0e0e0-0000-4000-8000-00000000e0e0";

    public static SecurityGroup Group { get; } = new()
    {
        Id = Id,
        Key = 900,
        Name = "open",
        ProjectId = "demo",
        Rules =
        [
            new SecurityGroupRule { Id = "open-in4", Direction = RuleDirection.Ingress, EtherType = EtherType.IPv4, RemoteIpPrefix = IPNetwork.Parse("0.0.0.0/0") },
            new SecurityGroupRule { Id = "open-in6", Direction = RuleDirection.Ingress, EtherType = EtherType.IPv6 },
            new SecurityGroupRule { Id = "open-out4", Direction = RuleDirection.Egress, EtherType = EtherType.IPv4 },
            new SecurityGroupRule { Id = "open-out6", Direction = RuleDirection.Egress, EtherType = EtherType.IPv6 },
        ],
    };
}
