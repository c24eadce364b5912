using System.Globalization;
using System.Net;
using Wyvern.Model;
using Wyvern.Northbound;

namespace Wyvern.Scale;

/// <summary>
/// The north-south and security part of the scale model, the same shape
/// bench/scale/ovn_topology.py writes for OVN (keep the two in step): a flat
/// external network 172.16.0.0/16 on physical network <see cref="PhysicalNetwork"/>,
/// each router's gateway port (172.16.0.(10 + r)) with SNAT, a floating IP
/// (172.16.16.g) on the first VM port of every network, and the project's
/// default security group with every VM port in it.
/// </summary>
public sealed partial class ScaleModel
{
    /// <summary>The external network's physical network name (map it to a bridge on the chassis).</summary>
    public const string PhysicalNetwork = "physnet";

    /// <summary>The default security group's id.</summary>
    public const string DefaultSecurityGroupId = "sg-default";

    private const string ExternalNetworkId = "ext";
    private const string ExternalSubnetId = "ext-sub";

    /// <summary>Neutron's default group (egress IPv4/IPv6, ingress from the group) plus ICMP and TCP 22 from anywhere.</summary>
    public static SecurityGroup DefaultSecurityGroup() => new()
    {
        Id = DefaultSecurityGroupId,
        Key = 1,
        Name = "default",
        ProjectId = "scale",
        Rules =
        [
            Rule("egress-v4", RuleDirection.Egress, EtherType.IPv4),
            Rule("egress-v6", RuleDirection.Egress, EtherType.IPv6),
            Rule("group-v4", RuleDirection.Ingress, EtherType.IPv4) with { RemoteGroupId = DefaultSecurityGroupId },
            Rule("group-v6", RuleDirection.Ingress, EtherType.IPv6) with { RemoteGroupId = DefaultSecurityGroupId },
            Rule("icmp", RuleDirection.Ingress, EtherType.IPv4) with { Protocol = 1, RemoteIpPrefix = IPNetwork.Parse("0.0.0.0/0") },
            Rule("ssh", RuleDirection.Ingress, EtherType.IPv4) with { Protocol = 6, PortRangeMin = 22, PortRangeMax = 22, RemoteIpPrefix = IPNetwork.Parse("0.0.0.0/0") },
        ],
    };

    /// <summary>
    /// The rule added by single change <paramref name="i"/> (the OVN side adds the
    /// same ACL): ingress TCP port 8000 + i from anywhere.
    /// </summary>
    public static SecurityGroupRule ExtraRule(int i) =>
        Rule("extra-" + i.ToString(CultureInfo.InvariantCulture), RuleDirection.Ingress, EtherType.IPv4) with
        {
            Protocol = 6,
            PortRangeMin = 8000 + i,
            PortRangeMax = 8000 + i,
            RemoteIpPrefix = IPNetwork.Parse("0.0.0.0/0"),
        };

    /// <summary>
    /// Spare floating IP <paramref name="i"/> (created unassociated by <see cref="Build"/>)
    /// associated with the second VM port of network <c>i % Networks</c>, as a
    /// Neutron <c>PUT /floatingips/{id}</c> with a port_id would leave it.
    /// </summary>
    public FloatingIp Associate(FloatingIp spare, int i)
    {
        ArgumentNullException.ThrowIfNull(spare);
        var g = i % Networks;
        return spare with
        {
            PortId = PortId((g * PortsPerNetwork) + 1),
            FixedIpAddress = Host(g, 11),
            RouterId = RouterId(g / NetworksPerRouter),
        };
    }

    /// <summary>The id of spare floating IP <paramref name="i"/>.</summary>
    public static string SpareFloatingIpId(int i) => string.Create(CultureInfo.InvariantCulture, $"fip-spare-{i}");

    private void AddExternalNetwork(NbTransaction txn)
    {
        txn.Create(new LogicalSwitch
        {
            Id = ExternalNetworkId,
            Key = Networks + 1,
            Name = ExternalNetworkId,
            ProjectId = "scale",
            NetworkType = NetworkType.Flat,
            PhysicalNetwork = PhysicalNetwork,
            External = true,
            Mtu = 1500,
        });
        txn.Create(new Subnet
        {
            Id = ExternalSubnetId,
            NetworkId = ExternalNetworkId,
            ProjectId = "scale",
            Cidr = IPNetwork.Parse("172.16.0.0/16"),
            GatewayIp = IPAddress.Parse("172.16.0.1"),
            EnableDhcp = false,
        });
    }

    private void AddGateway(NbTransaction txn, int r, List<RouterPort> routerPorts)
    {
        var port = new LogicalPort
        {
            Id = "gw-" + r.ToString(CultureInfo.InvariantCulture),
            Key = 40_000 + r,
            NetworkId = ExternalNetworkId,
            MacAddress = new MacAddress(0xfa163ebb0000UL + (ulong)r),
            FixedIps = [new FixedIp(ExternalSubnetId, ExternalIp(10 + r))],
            DeviceOwner = "network:router_gateway",
            DeviceId = RouterId(r),
        };
        txn.Create(port);
        txn.Create(new LogicalRouter
        {
            Id = RouterId(r),
            Key = r + 1,
            ProjectId = "scale",
            Ports = [.. routerPorts],
            ExternalGateway = new ExternalGateway
            {
                NetworkId = ExternalNetworkId,
                ExternalFixedIps = port.FixedIps,
                EnableSnat = true,
                PortId = port.Id,
                MacAddress = port.MacAddress,
            },
            GatewayChassis = [chassis],
        });
    }

    /// <summary>The floating IP of network <paramref name="g"/>'s first VM port.</summary>
    private FloatingIp FirstPortFloatingIp(int r, int g) => new()
    {
        Id = string.Create(CultureInfo.InvariantCulture, $"fip-{g}"),
        ProjectId = "scale",
        FloatingIpAddress = ExternalIp(4096 + g),
        FloatingNetworkId = ExternalNetworkId,
        FloatingPortId = string.Create(CultureInfo.InvariantCulture, $"fipport-{g}"),
        FloatingPortMac = new MacAddress(0xfa163ecc0000UL + (ulong)g),
        PortId = PortId(g * PortsPerNetwork),
        FixedIpAddress = Host(g, 10),
        RouterId = RouterId(r),
    };

    /// <summary>Spare floating IP <paramref name="i"/>, unassociated (172.16.32.i, as the OVN side's).</summary>
    private static FloatingIp SpareFloatingIp(int i) => new()
    {
        Id = SpareFloatingIpId(i),
        ProjectId = "scale",
        FloatingIpAddress = ExternalIp(8192 + i),
        FloatingNetworkId = ExternalNetworkId,
        FloatingPortId = string.Create(CultureInfo.InvariantCulture, $"fipport-spare-{i}"),
        FloatingPortMac = new MacAddress(0xfa163edd0000UL + (ulong)i),
    };

    /// <summary>Keys: floating ports of networks 30,000 + g, spare ones 45,000 + i (both below the router ports' 50,000 + g).</summary>
    private static void AddFloatingIp(NbTransaction txn, FloatingIp fip)
    {
        var spare = fip.PortId is null;
        var number = int.Parse(fip.Id[(fip.Id.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture);
        txn.Create(new LogicalPort
        {
            Id = fip.FloatingPortId!,
            Key = (spare ? 45_000 : 30_000) + number,
            NetworkId = ExternalNetworkId,
            MacAddress = fip.FloatingPortMac!.Value,
            FixedIps = [new FixedIp(ExternalSubnetId, fip.FloatingIpAddress)],
            DeviceOwner = "network:floatingip",
            DeviceId = fip.Id,
        });
        txn.Create(fip);
    }

    private static SecurityGroupRule Rule(string id, RuleDirection direction, EtherType etherType) => new()
    {
        Id = "rule-" + id,
        Direction = direction,
        EtherType = etherType,
        ProjectId = "scale",
    };

    /// <summary>172.16.(n / 256).(n % 256).</summary>
    private static IPAddress ExternalIp(int n) => new([172, 16, (byte)(n >> 8), (byte)n]);
}
