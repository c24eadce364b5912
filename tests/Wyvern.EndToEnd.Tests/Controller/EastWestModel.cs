using System.Net;
using Wyvern.Model;
using Wyvern.Northbound;

namespace Wyvern.EndToEnd.Tests.Controller;

/// <summary>
/// The logical model of the one-chassis east-west test, written straight to
/// the store: net-a 10.0.0.0/24 (vm1, vm2) and net-b 10.0.1.0/24 (vm3),
/// joined by router r1 (.1 on each), DHCP on both subnets.
/// </summary>
internal static class EastWestModel
{
    public const string Vm1 = "a1000001-0000-4000-8000-000000000001";
    public const string Vm2 = "a2000002-0000-4000-8000-000000000002";
    public const string Vm3 = "a3000003-0000-4000-8000-000000000003";

    public static readonly (string Id, string Mac, string Ip, string Network, string Subnet, int Key)[] Vms =
    [
        (Vm1, "fa:16:3e:00:00:11", "10.0.0.11", "net-a", "sub-a", 11),
        (Vm2, "fa:16:3e:00:00:12", "10.0.0.12", "net-a", "sub-a", 12),
        (Vm3, "fa:16:3e:00:00:13", "10.0.1.13", "net-b", "sub-b", 13),
    ];

    public static async Task<long> WriteAsync(INbStore store)
    {
        var txn = new NbTransaction()
            .Create(OpenSecurityGroup.Group)
            .Create(new LogicalSwitch { Id = "net-a", Key = 1, SegmentationId = 1001, ProjectId = "demo", Name = "net-a" })
            .Create(new LogicalSwitch { Id = "net-b", Key = 2, SegmentationId = 1002, ProjectId = "demo", Name = "net-b" })
            .Create(Subnet("sub-a", "net-a", "10.0.0.0/24", "10.0.0.1"))
            .Create(Subnet("sub-b", "net-b", "10.0.1.0/24", "10.0.1.1"))
            .Create(RouterInterface("rp-a", 21, "net-a", "sub-a", "fa:16:3e:aa:00:01", "10.0.0.1"))
            .Create(RouterInterface("rp-b", 22, "net-b", "sub-b", "fa:16:3e:aa:00:02", "10.0.1.1"))
            .Create(new LogicalRouter
            {
                Id = "r1",
                Key = 1,
                ProjectId = "demo",
                Ports =
                [
                    RouterPort("rp-a", 21, "net-a", "sub-a", "fa:16:3e:aa:00:01", "10.0.0.1", "10.0.0.0/24"),
                    RouterPort("rp-b", 22, "net-b", "sub-b", "fa:16:3e:aa:00:02", "10.0.1.1", "10.0.1.0/24"),
                ],
            });
        foreach (var vm in Vms)
        {
            txn.Create(new LogicalPort
            {
                Id = vm.Id,
                Key = vm.Key,
                ProjectId = "demo",
                NetworkId = vm.Network,
                MacAddress = MacAddress.Parse(vm.Mac),
                FixedIps = [new FixedIp(vm.Subnet, IPAddress.Parse(vm.Ip))],
                DeviceOwner = "compute:nova",
                SecurityGroupIds = [OpenSecurityGroup.Id],
            });
        }
        return (await store.CommitAsync(txn)).Revision;
    }

    private static Subnet Subnet(string id, string network, string cidr, string gateway) => new()
    {
        Id = id,
        NetworkId = network,
        ProjectId = "demo",
        Cidr = IPNetwork.Parse(cidr),
        GatewayIp = IPAddress.Parse(gateway),
        DnsNameservers = [IPAddress.Parse("10.0.0.53")],
    };

    private static LogicalPort RouterInterface(string id, int key, string network, string subnet, string mac, string ip) => new()
    {
        Id = id,
        Key = key,
        NetworkId = network,
        MacAddress = MacAddress.Parse(mac),
        FixedIps = [new FixedIp(subnet, IPAddress.Parse(ip))],
        DeviceOwner = "network:router_interface",
        DeviceId = "r1",
    };

    private static RouterPort RouterPort(string id, int key, string network, string subnet, string mac, string ip, string cidr) => new()
    {
        Id = id,
        Key = key,
        NetworkId = network,
        SubnetId = subnet,
        MacAddress = MacAddress.Parse(mac),
        IpAddress = IPAddress.Parse(ip),
        Network = IPNetwork.Parse(cidr),
    };
}
