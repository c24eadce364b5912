using System.Net;

namespace Wyvern.Model.Tests;

/// <summary>One fully populated object of every table, every optional field set.</summary>
internal static class SampleObjects
{
    private static readonly DateTimeOffset Created = new(2026, 11, 22, 7, 0, 0, TimeSpan.Zero);

    public static Chassis Chassis() => new()
    {
        Id = "compute-1",
        Version = 7,
        UnderlayIp = IPAddress.Parse("172.31.0.1"),
        TunnelTypes = [TunnelType.Vxlan, TunnelType.Geneve],
        BridgeMappings = new ValueMap([new("physnet1", "br-ex")]),
        ExternalCapable = true,
        GatewayCapable = true,
        HeartbeatAt = Created,
    };

    public static LogicalSwitch Network() => new()
    {
        Id = "net-1",
        ProjectId = "proj-a",
        Name = "private",
        Description = "d",
        Tags = ["blue", "green"],
        CreatedAt = Created,
        UpdatedAt = Created.AddMinutes(1),
        RevisionNumber = 3,
        Key = 5,
        NetworkType = NetworkType.Vlan,
        SegmentationId = 100,
        PhysicalNetwork = "physnet1",
        Mtu = 1500,
        External = true,
        Shared = true,
    };

    public static Subnet Subnet() => new()
    {
        Id = "sub-6",
        ProjectId = "proj-a",
        NetworkId = "net-1",
        Cidr = IPNetwork.Parse("fd00:1::/64"),
        GatewayIp = IPAddress.Parse("fd00:1::1"),
        AllocationPools = [new IpRange(IPAddress.Parse("fd00:1::10"), IPAddress.Parse("fd00:1::ff"))],
        DnsNameservers = [IPAddress.Parse("fd00::53")],
        HostRoutes = [new HostRoute(IPNetwork.Parse("fd00:9::/64"), IPAddress.Parse("fd00:1::2"))],
        Ipv6RaMode = Ipv6Mode.Slaac,
        Ipv6AddressMode = Ipv6Mode.Dhcpv6Stateless,
    };

    public static LogicalPort Port() => new()
    {
        Id = "port-1",
        ProjectId = "proj-a",
        NetworkId = "net-1",
        Key = 42,
        MacAddress = MacAddress.Parse("fa:16:3e:00:01:01"),
        FixedIps = [new FixedIp("sub-4", IPAddress.Parse("10.0.0.5")), new FixedIp("sub-6", IPAddress.Parse("fd00:1::5"))],
        DeviceOwner = "compute:nova",
        DeviceId = "vm-1",
        Status = PortStatus.Active,
        SecurityGroupIds = ["sg-1"],
        AllowedAddressPairs =
        [
            new AllowedAddressPair(IPNetwork.Parse("10.0.0.100/32")),
            new AllowedAddressPair(IPNetwork.Parse("10.1.0.0/24"), MacAddress.Parse("fa:16:3e:00:00:aa")),
        ],
        ExtraDhcpOptions = [new ExtraDhcpOption("mtu", "1400"), new ExtraDhcpOption("dns-server", "fd00::53", IpVersion.V6)],
        Binding = PortBinding.Remote(IPAddress.Parse("172.31.0.9")),
        BindingHost = "compute-1",
        BindingProfile = new ValueMap([new("port_key", "remote_port"), new("host_ip", "172.31.0.9")]),
        BindingVifType = "ovs",
    };

    public static LogicalRouter Router() => new()
    {
        Id = "router-1",
        ProjectId = "proj-a",
        Key = 3,
        Ports =
        [
            new RouterPort
            {
                Id = "rp-1",
                Key = 43,
                NetworkId = "net-1",
                SubnetId = "sub-4",
                MacAddress = MacAddress.Parse("fa:16:3e:00:00:01"),
                IpAddress = IPAddress.Parse("10.0.0.1"),
                Network = IPNetwork.Parse("10.0.0.0/24"),
            },
        ],
        Routes = [new HostRoute(IPNetwork.Parse("192.168.0.0/16"), IPAddress.Parse("10.0.0.254"))],
        ExternalGateway = new ExternalGateway
        {
            NetworkId = "ext-net",
            ExternalFixedIps = [new FixedIp("ext-sub", IPAddress.Parse("203.0.113.2"))],
            EnableSnat = false,
            PortId = "gw-port",
            MacAddress = MacAddress.Parse("fa:16:3e:00:00:02"),
        },
        GatewayChassis = ["compute-1", "compute-2"],
    };

    public static Neighbour Neighbour() => new()
    {
        Id = "subnet-ext",
        NetworkId = "net-ext",
        IpAddress = IPAddress.Parse("203.0.113.1"),
        MacAddress = MacAddress.Parse("fa:16:3e:00:00:01"),
        ResolvedBy = "chassis-1",
        ResolvedAt = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero),
    };

    public static FloatingIp FloatingIp() => new()
    {
        Id = "fip-1",
        ProjectId = "proj-a",
        FloatingIpAddress = IPAddress.Parse("203.0.113.10"),
        FloatingNetworkId = "ext-net",
        FloatingPortId = "fport-1",
        FloatingPortMac = MacAddress.Parse("fa:16:3e:00:00:10"),
        PortId = "port-1",
        FixedIpAddress = IPAddress.Parse("10.0.0.5"),
        RouterId = "router-1",
    };

    public static SecurityGroup SecurityGroup() => new()
    {
        Id = "sg-1",
        ProjectId = "proj-a",
        Key = 9,
        Rules =
        [
            new SecurityGroupRule { Id = "r1", Direction = RuleDirection.Egress, EtherType = EtherType.IPv6 },
            new SecurityGroupRule
            {
                Id = "r2",
                Direction = RuleDirection.Ingress,
                Protocol = 6,
                PortRangeMin = 22,
                PortRangeMax = 22,
                RemoteIpPrefix = IPNetwork.Parse("0.0.0.0/0"),
                RemoteGroupId = "sg-1",
                ProjectId = "proj-a",
            },
        ],
    };

    public static IEnumerable<NbObject> All() =>
        [Chassis(), Network(), Subnet(), Port(), Router(), FloatingIp(), SecurityGroup(), Neighbour()];
}
