using System.Net;
using Wyvern.Model;
using Wyvern.Northbound;

namespace Wyvern.EndToEnd.Tests.Controller;

/// <summary>
/// The three-chassis model: net-vx (vxlan, VNI 101, 10.1.0.0/24), net-gn
/// (geneve, VNI 102, 10.2.0.0/24) joined by router r1, and net-gr (gre,
/// key 103, 10.3.0.0/24). VMs: vm1 ch1/vx, vm2 ch2/vx, vm3 ch3/gn, vm4 ch2/gr, vm5 ch3/gr.
/// </summary>
internal static class OverlayModel
{
    public const string RemoteDeviceId = "d0000064-0000-4000-8000-000000000064";

    public static readonly (string Name, int Chassis, string PortId, string Mac, string Cidr, string? Gateway, string Network, int Key)[] Vms =
    [
        ("vm1", 0, "b1000001-0000-4000-8000-000000000001", "fa:16:3e:00:01:0b", "10.1.0.11/24", "10.1.0.1", "net-vx", 11),
        ("vm2", 1, "b2000002-0000-4000-8000-000000000002", "fa:16:3e:00:01:0c", "10.1.0.12/24", "10.1.0.1", "net-vx", 12),
        ("vm3", 2, "b3000003-0000-4000-8000-000000000003", "fa:16:3e:00:02:0d", "10.2.0.13/24", "10.2.0.1", "net-gn", 13),
        ("vm4", 1, "b4000004-0000-4000-8000-000000000004", "fa:16:3e:00:03:0e", "10.3.0.14/24", null, "net-gr", 14),
        ("vm5", 2, "b5000005-0000-4000-8000-000000000005", "fa:16:3e:00:03:0f", "10.3.0.15/24", null, "net-gr", 15),
    ];

    public static NbTransaction Build()
    {
        var txn = new NbTransaction()
            .Create(OpenSecurityGroup.Group)
            .Create(new LogicalSwitch { Id = "net-vx", Key = 1, NetworkType = NetworkType.Vxlan, SegmentationId = 101 })
            .Create(new LogicalSwitch { Id = "net-gn", Key = 2, NetworkType = NetworkType.Geneve, SegmentationId = 102 })
            .Create(new LogicalSwitch { Id = "net-gr", Key = 3, NetworkType = NetworkType.Gre, SegmentationId = 103 })
            .Create(Subnet("sub-vx", "net-vx", "10.1.0.0/24"))
            .Create(Subnet("sub-gn", "net-gn", "10.2.0.0/24"))
            .Create(Subnet("sub-gr", "net-gr", "10.3.0.0/24"))
            .Create(new LogicalRouter
            {
                Id = "r1",
                Key = 1,
                Ports = [Interface("rp-vx", 21, "net-vx", "sub-vx", "fa:16:3e:aa:01:01", "10.1.0.1", "10.1.0.0/24"),
                         Interface("rp-gn", 22, "net-gn", "sub-gn", "fa:16:3e:aa:02:01", "10.2.0.1", "10.2.0.0/24")],
            });
        foreach (var vm in Vms)
        {
            txn.Create(new LogicalPort
            {
                Id = vm.PortId,
                Key = vm.Key,
                NetworkId = vm.Network,
                MacAddress = MacAddress.Parse(vm.Mac),
                FixedIps = [new FixedIp("sub-" + vm.Network[4..], IPAddress.Parse(vm.Cidr.Split('/')[0]))],
                DeviceOwner = "compute:nova",
                SecurityGroupIds = [OpenSecurityGroup.Id],
            });
        }
        return txn;
    }

    /// <summary>A port bound to a remote VTEP (binding:profile {"port_key": "remote_port", "host_ip": …}).</summary>
    public static LogicalPort RemoteDevice(string vtepIp) => new()
    {
        Id = RemoteDeviceId,
        Key = 64,
        NetworkId = "net-vx",
        MacAddress = MacAddress.Parse("fa:16:3e:00:01:64"),
        FixedIps = [new FixedIp("sub-vx", IPAddress.Parse("10.1.0.100"))],
        DeviceOwner = "compute:remote",
        Binding = PortBinding.Remote(IPAddress.Parse(vtepIp)),
    };

    private static Subnet Subnet(string id, string network, string cidr) =>
        new() { Id = id, NetworkId = network, Cidr = IPNetwork.Parse(cidr), GatewayIp = IPAddress.Parse(cidr.Replace("0/24", "1", StringComparison.Ordinal)) };

    private static RouterPort Interface(string id, int key, string network, string subnet, string mac, string ip, string cidr) => new()
    {
        Id = id, Key = key, NetworkId = network, SubnetId = subnet, MacAddress = MacAddress.Parse(mac), IpAddress = IPAddress.Parse(ip), Network = IPNetwork.Parse(cidr),
    };
}
