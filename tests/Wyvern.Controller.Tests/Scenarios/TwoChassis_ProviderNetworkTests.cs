using System.Net;
using Wyvern.Model;
using Wyvern.OpenFlow.Matching;
using Wyvern.Packets;
using Wyvern.Testing;
using PacketMac = Wyvern.Packets.MacAddress;

namespace Wyvern.Controller.Tests.Scenarios;

/// <summary>VLAN and flat networks between two chassis, through the physical network (provider patch port).</summary>
[Trait("Layer", Layer.Scenario)]
public sealed class TwoChassis_ProviderNetworkTests
{
    private static readonly PacketMac Mac1 = PacketMac.Parse("fa:16:3e:00:05:01");
    private static readonly PacketMac Mac2 = PacketMac.Parse("fa:16:3e:00:05:02");

    private static FakeNetwork Build(NetworkType type, int? vlan)
    {
        var network = new LogicalSwitch { Id = "prov", Key = 9, NetworkType = type, SegmentationId = vlan, PhysicalNetwork = FakeNetwork.Physnet };
        var subnet = new Subnet { Id = "prov-sub", NetworkId = "prov", Cidr = IPNetwork.Parse("192.168.50.0/24") };
        var net = new FakeNetwork().AddChassis("ch1", "172.31.0.1").AddChassis("ch2", "172.31.0.2");
        net.Put(OpenSecurityGroup.Group, network, subnet, Port("p1", 51, Mac1, "192.168.50.11", "ch1"), Port("p2", 52, Mac2, "192.168.50.12", "ch2"));
        net["ch1"].Plug("p1", 1);
        net["ch2"].Plug("p2", 1);
        return net;
    }

    [Fact]
    public void Vlan_UnicastLeavesTagged_AndArrivesUntagged()
    {
        var net = Build(NetworkType.Vlan, 100);
        var frame = FrameBuilder.IcmpEcho(Mac1, Mac2, IPAddress.Parse("192.168.50.11"), IPAddress.Parse("192.168.50.12"), IcmpV4.EchoRequest, 1, 1);

        var wire = net["ch1"].Send(1, frame).Single();
        wire.Port.ShouldBe((uint)FakeNetwork.PhysnetPatchPort);
        wire.Packet[OxmField.VlanVid].ShouldBe(0x1000ul | 100);

        var delivered = net.Send("ch1", 1, frame).ShouldHaveSingleItem();
        delivered.Chassis.ShouldBe("ch2");
        delivered.Output.Port.ShouldBe(1u);
        delivered.Output.Packet[OxmField.VlanVid].ShouldBe(0ul);
        net.Verify();
    }

    [Fact]
    public void Vlan_Broadcast_ReachesTheOtherChassisOnce_AndIsNotSentBack()
    {
        var net = Build(NetworkType.Vlan, 100);

        var delivered = net.Send("ch1", 1, FrameBuilder.Udp(Mac1, PacketMac.Broadcast, IPAddress.Parse("192.168.50.11"), IPAddress.Parse("192.168.50.255"), 9, 9, new byte[4]));

        delivered.Select(d => (d.Chassis, d.Output.Port)).ShouldBe([("ch2", 1u)]);
        net.Verify();
    }

    [Fact]
    public void Vlan_OtherTagOnThePhysicalNetwork_IsDropped()
    {
        var net = Build(NetworkType.Vlan, 100);
        var frame = FrameBuilder.Udp(Mac1, Mac2, IPAddress.Parse("192.168.50.11"), IPAddress.Parse("192.168.50.12"), 9, 9, new byte[4], vlan: 200);

        net["ch2"].Send(FakeNetwork.PhysnetPatchPort, frame).Dropped.ShouldBeTrue();
    }

    [Fact]
    public void Flat_UnicastCrossesUntagged()
    {
        var net = Build(NetworkType.Flat, null);
        var frame = FrameBuilder.IcmpEcho(Mac1, Mac2, IPAddress.Parse("192.168.50.11"), IPAddress.Parse("192.168.50.12"), IcmpV4.EchoRequest, 1, 1);

        net["ch1"].Send(1, frame).Single().Packet[OxmField.VlanVid].ShouldBe(0ul);
        net.Send("ch1", 1, frame).ShouldHaveSingleItem().Chassis.ShouldBe("ch2");
        net.Verify();
    }

    private static LogicalPort Port(string id, int key, PacketMac mac, string ip, string chassis) => new()
    {
        Id = id,
        Key = key,
        NetworkId = "prov",
        MacAddress = new Wyvern.Model.MacAddress(mac.Value),
        FixedIps = [new FixedIp("prov-sub", IPAddress.Parse(ip))],
        DeviceOwner = "compute:nova",
        Binding = new PortBinding(chassis),
        SecurityGroupIds = [OpenSecurityGroup.Id],
    };
}
