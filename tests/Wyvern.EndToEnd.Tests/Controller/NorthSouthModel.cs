using System.Net;
using Wyvern.Model;
using Wyvern.Northbound;

namespace Wyvern.EndToEnd.Tests.Controller;

/// <summary>
/// The north-south model: external network <c>ext</c> (flat or VLAN on
/// physnet1, 203.0.113.0/24, gateway .1 = the external host), internal network
/// net-vx (vxlan 101, 10.1.0.0/24) behind router r1 whose gateway is
/// 203.0.113.10. vm1 (chassis 0) has floating IP .101, vm2 (chassis 1, no
/// external port) .102, vm3 (chassis 2) none. The VMs' group admits everything
/// (this model tests forwarding and NAT, not filtering).
/// </summary>
internal static class NorthSouthModel
{
    public const string ExternalHostIp = "203.0.113.1";
    public const string ExternalHostMac = "02:00:00:cb:00:01";
    public const string GatewayIp = "203.0.113.10";
    public const string GatewayMac = "fa:16:3e:ee:00:10";
    public const string Fip1 = "203.0.113.101";
    public const string Fip2 = "203.0.113.102";

    public static readonly (string Name, int Chassis, string PortId, string Mac, string Ip, int Key)[] Vms =
    [
        ("vm1", 0, "e1000001-0000-4000-8000-000000000001", "fa:16:3e:00:0e:01", "10.1.0.11", 11),
        ("vm2", 1, "e2000002-0000-4000-8000-000000000002", "fa:16:3e:00:0e:02", "10.1.0.12", 12),
        ("vm3", 2, "e3000003-0000-4000-8000-000000000003", "fa:16:3e:00:0e:03", "10.1.0.13", 13),
    ];

    /// <summary>The model; <paramref name="gatewayChassis"/> in priority order; <paramref name="vlan"/> makes the external network VLAN.</summary>
    public static NbTransaction Build(IReadOnlyList<string> gatewayChassis, int? vlan = null)
    {
        var txn = new NbTransaction()
            .Create(OpenSecurityGroup.Group)
            .Create(new LogicalSwitch
            {
                Id = "ext", Key = 50, External = true, PhysicalNetwork = "physnet1",
                NetworkType = vlan is null ? NetworkType.Flat : NetworkType.Vlan, SegmentationId = vlan,
            })
            .Create(new Subnet { Id = "ext-sub", NetworkId = "ext", Cidr = IPNetwork.Parse("203.0.113.0/24"), GatewayIp = IPAddress.Parse(ExternalHostIp), EnableDhcp = false })
            .Create(new LogicalSwitch { Id = "net-vx", Key = 1, NetworkType = NetworkType.Vxlan, SegmentationId = 101 })
            .Create(new Subnet { Id = "sub-vx", NetworkId = "net-vx", Cidr = IPNetwork.Parse("10.1.0.0/24"), GatewayIp = IPAddress.Parse("10.1.0.1") })
            .Create(new LogicalRouter
            {
                Id = "r1",
                Key = 1,
                Ports =
                [
                    new RouterPort
                    {
                        Id = "rp-vx", Key = 21, NetworkId = "net-vx", SubnetId = "sub-vx", MacAddress = MacAddress.Parse("fa:16:3e:aa:01:01"),
                        IpAddress = IPAddress.Parse("10.1.0.1"), Network = IPNetwork.Parse("10.1.0.0/24"),
                    },
                ],
                ExternalGateway = new ExternalGateway
                {
                    NetworkId = "ext",
                    ExternalFixedIps = [new FixedIp("ext-sub", IPAddress.Parse(GatewayIp))],
                    PortId = "gw-r1",
                    MacAddress = MacAddress.Parse(GatewayMac),
                },
                GatewayChassis = [.. gatewayChassis],
            })
            .Create(FloatingIp("fip1", Fip1, "fa:16:3e:f1:00:01", Vms[0].PortId, Vms[0].Ip))
            .Create(FloatingIp("fip2", Fip2, "fa:16:3e:f1:00:02", Vms[1].PortId, Vms[1].Ip));
        foreach (var vm in Vms)
        {
            txn.Create(new LogicalPort
            {
                Id = vm.PortId,
                Key = vm.Key,
                NetworkId = "net-vx",
                MacAddress = MacAddress.Parse(vm.Mac),
                FixedIps = [new FixedIp("sub-vx", IPAddress.Parse(vm.Ip))],
                DeviceOwner = "compute:nova",
                SecurityGroupIds = [OpenSecurityGroup.Id],
            });
        }
        return txn;
    }

    public static FloatingIp FloatingIp(string id, string address, string mac, string portId, string fixedIp) => new()
    {
        Id = id,
        FloatingIpAddress = IPAddress.Parse(address),
        FloatingNetworkId = "ext",
        FloatingPortId = id + "-port",
        FloatingPortMac = MacAddress.Parse(mac),
        PortId = portId,
        FixedIpAddress = IPAddress.Parse(fixedIp),
        RouterId = "r1",
    };
}
