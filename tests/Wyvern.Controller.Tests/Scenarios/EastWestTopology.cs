using System.Net;
using Wyvern.Model;
using Wyvern.Packets;
using Wyvern.Packets.Dhcp;
using ModelMac = Wyvern.Model.MacAddress;
using PacketMac = Wyvern.Packets.MacAddress;

namespace Wyvern.Controller.Tests.Scenarios;

/// <summary>
/// Two networks joined by a router, three VMs on one chassis:
/// net-a 10.0.0.0/24 (vm1 .11 ofport 1, vm2 .12 ofport 2), net-b 10.0.1.0/24
/// (vm3 .13 ofport 3), router r1 with .1 on each.
/// </summary>
internal static class EastWestTopology
{
    public static readonly LogicalSwitch NetA = new() { Id = "net-a", Key = 1, SegmentationId = 1001 };
    public static readonly LogicalSwitch NetB = new() { Id = "net-b", Key = 2, SegmentationId = 1002 };
    public static readonly Subnet SubnetA = new() { Id = "sub-a", NetworkId = "net-a", Cidr = IPNetwork.Parse("10.0.0.0/24"), GatewayIp = IPAddress.Parse("10.0.0.1") };
    public static readonly Subnet SubnetB = new() { Id = "sub-b", NetworkId = "net-b", Cidr = IPNetwork.Parse("10.0.1.0/24"), GatewayIp = IPAddress.Parse("10.0.1.1") };
    public static readonly LogicalPort Vm1 = Vm("vm1", NetA, SubnetA, 11, "fa:16:3e:00:00:11", "10.0.0.11");
    public static readonly LogicalPort Vm2 = Vm("vm2", NetA, SubnetA, 12, "fa:16:3e:00:00:12", "10.0.0.12");
    public static readonly LogicalPort Vm3 = Vm("vm3", NetB, SubnetB, 13, "fa:16:3e:00:00:13", "10.0.1.13");
    public static readonly PacketMac RouterMacA = PacketMac.Parse("fa:16:3e:aa:00:01");
    public static readonly PacketMac RouterMacB = PacketMac.Parse("fa:16:3e:aa:00:02");

    public static readonly LogicalRouter Router = new()
    {
        Id = "r1",
        Key = 1,
        Ports =
        [
            RouterPort("rp-a", 21, NetA, SubnetA, RouterMacA, "10.0.0.1"),
            RouterPort("rp-b", 22, NetB, SubnetB, RouterMacB, "10.0.1.1"),
        ],
    };

    public const int OfVm1 = 1, OfVm2 = 2, OfVm3 = 3;

    /// <summary>Builds the topology on a fresh switch with all three VMs plugged.</summary>
    public static ScenarioSwitch Build()
    {
        var s = new ScenarioSwitch();
        s.Put(OpenSecurityGroup.Group, NetA, NetB, SubnetA, SubnetB, Vm1, Vm2, Vm3, Router);
        s.Plug(Vm1.Id, OfVm1).Plug(Vm2.Id, OfVm2).Plug(Vm3.Id, OfVm3);
        return s;
    }

    public static PacketMac Mac(LogicalPort port) => new(port.MacAddress.Value);

    public static IPAddress Ip(LogicalPort port) => port.FixedIps[0].IpAddress;

    /// <summary>A VM port in the open security group.</summary>
    public static LogicalPort Vm(string id, LogicalSwitch net, Subnet subnet, int key, string mac, string ip) => new()
    {
        Id = id,
        Key = key,
        NetworkId = net.Id,
        MacAddress = ModelMac.Parse(mac),
        FixedIps = [new FixedIp(subnet.Id, IPAddress.Parse(ip))],
        DeviceOwner = "compute:nova",
        SecurityGroupIds = [OpenSecurityGroup.Id],
    };

    /// <summary>A DHCPDISCOVER from <paramref name="from"/>: 0.0.0.0:68 to 255.255.255.255:67.</summary>
    public static byte[] DhcpDiscover(PacketMac from, uint xid = 42)
    {
        var discover = new DhcpMessage(DhcpMessage.BootRequest, xid, 0, IPAddress.Any, IPAddress.Any, IPAddress.Any, IPAddress.Any, from,
            [new DhcpOption((byte)DhcpOptionCode.MessageType, [(byte)DhcpMessageType.Discover])]);
        var payload = new byte[discover.Size];
        discover.Write(payload);
        return FrameBuilder.Udp(from, PacketMac.Broadcast, IPAddress.Any, IPAddress.Broadcast, 68, 67, payload);
    }

    /// <summary>A router interface on <paramref name="subnet"/>.</summary>
    public static RouterPort RouterPort(string id, int key, LogicalSwitch net, Subnet subnet, PacketMac mac, string ip) => new()
    {
        Id = id,
        Key = key,
        NetworkId = net.Id,
        SubnetId = subnet.Id,
        MacAddress = new ModelMac(mac.Value),
        IpAddress = IPAddress.Parse(ip),
        Network = subnet.Cidr,
    };
}
