using System.Net;
using Wyvern.Model;
using Wyvern.OpenFlow.Matching;
using Wyvern.Packets;
using Wyvern.Testing.Simulation;
using ModelMac = Wyvern.Model.MacAddress;
using PacketMac = Wyvern.Packets.MacAddress;

namespace Wyvern.Controller.Tests.Scenarios;

/// <summary>
/// Three chassis and a flat external network: ch1 and ch3 have external ports
/// and may be gateways, ch2 has no external port. Router r1 joins net-a and
/// net-b and has its gateway on the external network (gateway chassis ch1,
/// then ch3). vm1 (ch1) and vm2 (ch2) have floating IPs; vm3 (ch3) and vm4
/// (ch2, net-b) have none. The external network's gateway 203.0.113.1 is the
/// external host, already resolved (a <see cref="Neighbour"/>).
/// </summary>
internal static class NorthSouthTopology
{
    public static readonly LogicalSwitch Ext = new() { Id = "ext", Key = 50, NetworkType = NetworkType.Flat, PhysicalNetwork = FakeNetwork.Physnet, External = true };
    public static readonly Subnet ExtSubnet = new() { Id = "ext-sub", NetworkId = "ext", Cidr = IPNetwork.Parse("203.0.113.0/24"), GatewayIp = IPAddress.Parse("203.0.113.1"), EnableDhcp = false };
    public static readonly LogicalSwitch NetA = new() { Id = "net-a", Key = 1, SegmentationId = 1001 };
    public static readonly LogicalSwitch NetB = new() { Id = "net-b", Key = 2, SegmentationId = 1002 };
    public static readonly Subnet SubnetA = new() { Id = "sub-a", NetworkId = "net-a", Cidr = IPNetwork.Parse("10.0.0.0/24"), GatewayIp = IPAddress.Parse("10.0.0.1") };
    public static readonly Subnet SubnetB = new() { Id = "sub-b", NetworkId = "net-b", Cidr = IPNetwork.Parse("10.0.1.0/24"), GatewayIp = IPAddress.Parse("10.0.1.1") };

    public static readonly PacketMac RouterMacA = PacketMac.Parse("fa:16:3e:aa:00:01");
    public static readonly PacketMac RouterMacB = PacketMac.Parse("fa:16:3e:aa:00:02");
    public static readonly PacketMac GatewayMac = PacketMac.Parse("fa:16:3e:ee:00:10");
    public static readonly IPAddress GatewayIp = IPAddress.Parse("203.0.113.10");
    public static readonly PacketMac HostMac = PacketMac.Parse("02:00:00:99:00:01");
    public static readonly IPAddress HostIp = IPAddress.Parse("203.0.113.1");
    public static readonly IPAddress Internet = IPAddress.Parse("198.51.100.7");

    public static readonly LogicalPort Vm1 = Vm("vm1", NetA, SubnetA, 11, "fa:16:3e:00:00:11", "10.0.0.11", "ch1");
    public static readonly LogicalPort Vm2 = Vm("vm2", NetA, SubnetA, 12, "fa:16:3e:00:00:12", "10.0.0.12", "ch2");
    public static readonly LogicalPort Vm3 = Vm("vm3", NetA, SubnetA, 13, "fa:16:3e:00:00:13", "10.0.0.13", "ch3");
    public static readonly LogicalPort Vm4 = Vm("vm4", NetB, SubnetB, 14, "fa:16:3e:00:00:14", "10.0.1.14", "ch2");

    public static readonly LogicalRouter Router = new()
    {
        Id = "r1",
        Key = 7,
        Ports =
        [
            RouterPort("rp-a", 21, NetA, SubnetA, RouterMacA, "10.0.0.1"),
            RouterPort("rp-b", 22, NetB, SubnetB, RouterMacB, "10.0.1.1"),
        ],
        ExternalGateway = new ExternalGateway
        {
            NetworkId = Ext.Id,
            ExternalFixedIps = [new FixedIp(ExtSubnet.Id, GatewayIp)],
            PortId = "gw-port",
            MacAddress = new ModelMac(GatewayMac.Value),
        },
        GatewayChassis = ["ch1", "ch3"],
    };

    public static readonly Neighbour NextHop = new()
    {
        Id = ExtSubnet.Id, NetworkId = Ext.Id, IpAddress = HostIp, MacAddress = new ModelMac(HostMac.Value), ResolvedBy = "ch1",
    };

    // After Router: static fields initialise in order.
    public static readonly FloatingIp Fip1 = Fip("fip1", "203.0.113.101", "fa:16:3e:f1:00:01", Vm1);
    public static readonly FloatingIp Fip2 = Fip("fip2", "203.0.113.102", "fa:16:3e:f1:00:02", Vm2);

    /// <summary>Every chassis, the model, the VMs plugged on ofport 1 (vm4 on ch2: 2).</summary>
    public static FakeNetwork Build()
    {
        var net = new FakeNetwork()
            .AddChassis("ch1", "172.31.0.1", externalPort: true, gatewayCapable: true)
            .AddChassis("ch2", "172.31.0.2", externalPort: false)
            .AddChassis("ch3", "172.31.0.3", externalPort: true, gatewayCapable: true);
        net.Put(OpenSecurityGroup.Group, Ext, ExtSubnet, NetA, NetB, SubnetA, SubnetB, Vm1, Vm2, Vm3, Vm4, Router, NextHop, Fip1, Fip2);
        net["ch1"].Plug(Vm1.Id, 1);
        net["ch2"].Plug(Vm2.Id, 1).Plug(Vm4.Id, 2);
        net["ch3"].Plug(Vm3.Id, 1);
        return net;
    }

    public static PacketMac Mac(LogicalPort port) => new(port.MacAddress.Value);

    public static IPAddress Ip(LogicalPort port) => port.FixedIps[0].IpAddress;

    public static PacketMac Mac(FloatingIp fip) => new(fip.FloatingPortMac!.Value.Value);

    /// <summary>The external host asks who has <paramref name="ip"/>.</summary>
    public static byte[] ArpFromHost(IPAddress ip) =>
        FrameBuilder.Arp(HostMac, PacketMac.Broadcast, new ArpPacket(ArpPacket.Request, HostMac, HostIp, PacketMac.Zero, ip));

    /// <summary>A UDP datagram from <paramref name="from"/> (an internet address behind the host) to <paramref name="to"/> at <paramref name="toMac"/>.</summary>
    public static byte[] UdpFromOutside(IPAddress from, PacketMac toMac, IPAddress to, ushort sourcePort = 5000, ushort destinationPort = 53) =>
        FrameBuilder.Udp(HostMac, toMac, from, to, sourcePort, destinationPort, new byte[8]);

    /// <summary>A UDP datagram from a VM to <paramref name="to"/>, sent to its router.</summary>
    public static byte[] UdpFromVm(LogicalPort vm, IPAddress to, ushort sourcePort = 53, ushort destinationPort = 5000) =>
        FrameBuilder.Udp(Mac(vm), vm.NetworkId == NetA.Id ? RouterMacA : RouterMacB, Ip(vm), to, sourcePort, destinationPort, new byte[8]);

    public static IPAddress V4(SimPacket p, OxmField field) =>
        new(BitConverter.GetBytes((uint)p.Get(field)).Reverse().ToArray());

    public static PacketMac MacOf(SimPacket p, OxmField field) => new((ulong)p.Get(field));

    public static FloatingIp Fip(string id, string address, string mac, LogicalPort target) => new()
    {
        Id = id,
        FloatingIpAddress = IPAddress.Parse(address),
        FloatingNetworkId = Ext.Id,
        FloatingPortId = id + "-port",
        FloatingPortMac = ModelMac.Parse(mac),
        PortId = target.Id,
        FixedIpAddress = Ip(target),
        RouterId = Router.Id,
    };

    private static LogicalPort Vm(string id, LogicalSwitch net, Subnet subnet, int key, string mac, string ip, string chassis) =>
        EastWestTopology.Vm(id, net, subnet, key, mac, ip) with { Binding = new PortBinding(chassis) };

    private static RouterPort RouterPort(string id, int key, LogicalSwitch net, Subnet subnet, PacketMac mac, string ip) =>
        EastWestTopology.RouterPort(id, key, net, subnet, mac, ip);
}
