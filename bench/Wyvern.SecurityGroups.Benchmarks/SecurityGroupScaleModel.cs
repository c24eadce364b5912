using System.Globalization;
using System.Net;
using Wyvern.Model;

namespace Wyvern.SecurityGroups.Benchmarks;

/// <summary>
/// The scale case: <see cref="Ports"/> VM ports spread over
/// <see cref="Networks"/> networks (one /16 IPv4 subnet each), every port bound
/// to one chassis and in the project's default group, which carries Neutron's
/// default rules plus ICMP and TCP 22 from anywhere.
/// </summary>
internal sealed class SecurityGroupScaleModel(int ports, int networks)
{
    public const string Chassis = "bench-chassis";
    public const string GroupId = "sg-default";

    public int Ports { get; } = ports;

    public int Networks { get; } = networks;

    public static SecurityGroup DefaultGroup { get; } = new()
    {
        Id = GroupId,
        Key = 1,
        Name = "default",
        Rules =
        [
            Rule("out4", RuleDirection.Egress, EtherType.IPv4),
            Rule("out6", RuleDirection.Egress, EtherType.IPv6),
            Rule("in4", RuleDirection.Ingress, EtherType.IPv4) with { RemoteGroupId = GroupId },
            Rule("in6", RuleDirection.Ingress, EtherType.IPv6) with { RemoteGroupId = GroupId },
            Rule("icmp", RuleDirection.Ingress, EtherType.IPv4) with { Protocol = 1, RemoteIpPrefix = IPNetwork.Parse("0.0.0.0/0") },
            Rule("ssh", RuleDirection.Ingress, EtherType.IPv4) with { Protocol = 6, PortRangeMin = 22, PortRangeMax = 22, RemoteIpPrefix = IPNetwork.Parse("0.0.0.0/0") },
        ],
    };

    public IEnumerable<NbObject> Objects()
    {
        yield return DefaultGroup;
        yield return new Chassis { Id = Chassis, UnderlayIp = IPAddress.Parse("192.0.2.1"), TunnelTypes = [TunnelType.Vxlan] };
        for (var n = 0; n < Networks; n++)
        {
            yield return new LogicalSwitch { Id = NetworkId(n), Key = n + 1, SegmentationId = 1000 + n };
            yield return new Subnet { Id = SubnetId(n), NetworkId = NetworkId(n), Cidr = new IPNetwork(new IPAddress([10, (byte)n, 0, 0]), 16) };
        }
        for (var p = 0; p < Ports; p++)
        {
            yield return Port(p);
        }
    }

    /// <summary>VM port <paramref name="p"/>, on network <c>p % Networks</c>.</summary>
    public LogicalPort Port(int p)
    {
        var n = p % Networks;
        var host = (p / Networks) + 10;
        return new LogicalPort
        {
            Id = PortId(p),
            Key = 100_000 + p,
            NetworkId = NetworkId(n),
            MacAddress = new MacAddress(0xfa163e000000UL + (ulong)p),
            FixedIps = [new FixedIp(SubnetId(n), new IPAddress([10, (byte)n, (byte)(host >> 8), (byte)host]))],
            DeviceOwner = "compute:nova",
            SecurityGroupIds = [GroupId],
            Binding = new PortBinding(Chassis),
        };
    }

    public static string PortId(int p) => "port-" + p.ToString("d6", CultureInfo.InvariantCulture);

    private static string NetworkId(int n) => "net-" + n.ToString("d4", CultureInfo.InvariantCulture);

    private static string SubnetId(int n) => "sub-" + n.ToString("d4", CultureInfo.InvariantCulture);

    private static SecurityGroupRule Rule(string id, RuleDirection direction, EtherType type) =>
        new() { Id = id, Direction = direction, EtherType = type };
}
