using System.Net;
using Wyvern.Model;
using Wyvern.OpenFlow.Matching;
using Wyvern.Packets;
using Wyvern.Testing;
using Wyvern.Testing.Simulation;
using static Wyvern.Controller.Tests.Scenarios.EastWestTopology;
using PacketMac = Wyvern.Packets.MacAddress;

namespace Wyvern.Controller.Tests.Scenarios;

/// <summary>
/// Three chassis on an overlay: vm1 on ch1, vm2 (net-a) and vm3 (net-b) on
/// ch2, nothing on ch3; net-a and net-b are VXLAN networks joined by r1.
/// </summary>
[Trait("Layer", Layer.Scenario)]
public sealed class ThreeChassis_OverlayTests
{
    private const string Ch1 = "ch1", Ch2 = "ch2", Ch3 = "ch3";

    private static FakeNetwork Build()
    {
        var net = new FakeNetwork().AddChassis(Ch1, "172.31.0.1").AddChassis(Ch2, "172.31.0.2").AddChassis(Ch3, "172.31.0.3");
        net.Put(OpenSecurityGroup.Group, NetA, NetB, SubnetA, SubnetB, Router,
            Vm1 with { Binding = new PortBinding(Ch1) },
            Vm2 with { Binding = new PortBinding(Ch2) },
            Vm3 with { Binding = new PortBinding(Ch2) });
        net[Ch1].Plug(Vm1.Id, OfVm1);
        net[Ch2].Plug(Vm2.Id, OfVm2).Plug(Vm3.Id, OfVm3);
        return net;
    }

    [Fact]
    public void Unicast_CrossesTheTunnel_ToTheChassisOfTheDestination()
    {
        var net = Build();

        var ch1Trace = net[Ch1].Send(OfVm1, FrameBuilder.IcmpEcho(Mac(Vm1), Mac(Vm2), Ip(Vm1), Ip(Vm2), IcmpV4.EchoRequest, 1, 1));
        var tunnelled = ch1Trace.Single();
        tunnelled.Port.ShouldBe((uint)FakeNetwork.VxlanPort);
        tunnelled.Packet[OxmField.TunnelId].ShouldBe((ulong)NetA.SegmentationId!);
        tunnelled.Packet[OxmField.TunIpv4Dst].ShouldBe(MatchField.V4(IPAddress.Parse("172.31.0.2")));

        var delivered = net.Send(Ch1, OfVm1, FrameBuilder.IcmpEcho(Mac(Vm1), Mac(Vm2), Ip(Vm1), Ip(Vm2), IcmpV4.EchoRequest, 1, 1));
        delivered.ShouldHaveSingleItem().ShouldBe((Ch2, delivered[0].Output));
        delivered[0].Output.Port.ShouldBe((uint)OfVm2);
        net.Verify();
    }

    [Fact]
    public void RemoteDestination_GoesThroughTheEgressTable_ToItsTunnel()
    {
        var net = Build();
        var ping = FrameBuilder.IcmpEcho(Mac(Vm1), Mac(Vm2), Ip(Vm1), Ip(Vm2), IcmpV4.EchoRequest, 1, 1);

        var ch1Trace = net[Ch1].Send(OfVm1, ping);

        // vm2 is bound on ch2: the L2 lookup hands it to the egress table, which tunnels it.
        ch1Trace.Single().Port.ShouldBe((uint)FakeNetwork.VxlanPort);
        var (table, flow) = ch1Trace.Path.Last();
        table.ShouldBe((byte)Pipeline.TableId.Egress, ch1Trace.ToString());
        flow.Match.Fields.ToArray().ShouldContain(Pipeline.Registers.MatchDestinationPort(Vm2.Key));
        // On ch2 it arrives by tunnel and is delivered without the egress table.
        var ch1Underlay = MatchField.V4(IPAddress.Parse("172.31.0.1"));
        var arrived = net[Ch2].Switch.Trace(ch1Trace.Single().Packet.ReceivedOnTunnel(FakeNetwork.VxlanPort, ch1Underlay));
        arrived.Single().Port.ShouldBe((uint)OfVm2);
        arrived.Path.Select(x => x.Table).ShouldNotContain((byte)Pipeline.TableId.Egress);
        net.Verify();
    }

    [Fact]
    public void Broadcast_OneCopyPerChassisHostingTheNetwork_NeverBack()
    {
        var net = Build();

        var ch1Outputs = net[Ch1].Send(OfVm1, FrameBuilder.Udp(Mac(Vm1), PacketMac.Broadcast, Ip(Vm1), IPAddress.Parse("10.0.0.255"), 9, 9, new byte[4])).Outputs;
        var everywhere = net.Send(Ch1, OfVm1, FrameBuilder.Udp(Mac(Vm1), PacketMac.Broadcast, Ip(Vm1), IPAddress.Parse("10.0.0.255"), 9, 9, new byte[4]));

        // ch1 sends exactly one tunnelled copy (to ch2, the only other host of net-a; not to ch3).
        ch1Outputs.Select(o => o.Packet[OxmField.TunIpv4Dst]).ShouldBe([MatchField.V4(IPAddress.Parse("172.31.0.2"))]);
        // It reaches vm2 once, and ch2 floods it locally only (vm3 is on another network).
        everywhere.Select(e => (e.Chassis, e.Output.Port)).ShouldBe([(Ch2, (uint)OfVm2)]);
        net.Verify();
    }

    [Fact]
    public void Routed_OnTheSourceChassis_ThenTunnelledWithTheDestinationNetworksVni()
    {
        var net = Build();
        var frame = FrameBuilder.IcmpEcho(Mac(Vm1), RouterMacA, Ip(Vm1), Ip(Vm3), IcmpV4.EchoRequest, 1, 1, ttl: 64);

        var tunnelled = net[Ch1].Send(OfVm1, frame).Single();
        tunnelled.Packet[OxmField.TunnelId].ShouldBe((ulong)NetB.SegmentationId!);
        tunnelled.Packet[OxmField.IpTtl].ShouldBe(63ul);
        tunnelled.Packet[OxmField.EthSrc].ShouldBe(RouterMacB.Value);

        var delivered = net.Send(Ch1, OfVm1, frame).ShouldHaveSingleItem();
        delivered.Chassis.ShouldBe(Ch2);
        delivered.Output.Port.ShouldBe((uint)OfVm3);
        delivered.Output.Packet[OxmField.IpTtl].ShouldBe(63ul, "routed once, on the source chassis");
        net.Verify();
    }

    [Fact]
    public void RemoteDevice_IsReachedAtItsVtep_AndAnsweredForByArp()
    {
        var net = Build();
        var device = new LogicalPort
        {
            Id = "dev1",
            Key = 40,
            NetworkId = NetA.Id,
            MacAddress = Wyvern.Model.MacAddress.Parse("fa:16:3e:00:00:40"),
            FixedIps = [new FixedIp(SubnetA.Id, IPAddress.Parse("10.0.0.40"))],
            DeviceOwner = "compute:bm",
            Binding = PortBinding.Remote(IPAddress.Parse("172.31.0.100")),
        };
        net.Put(device);

        var arp = net[Ch1].Send(OfVm1, FrameBuilder.Arp(Mac(Vm1), PacketMac.Broadcast,
            new ArpPacket(ArpPacket.Request, Mac(Vm1), Ip(Vm1), PacketMac.Zero, IPAddress.Parse("10.0.0.40")))).Single();
        arp.Packet[OxmField.ArpSha].ShouldBe(0xfa163e000040ul);

        net.Send(Ch1, OfVm1, FrameBuilder.IcmpEcho(Mac(Vm1), new PacketMac(0xfa163e000040), Ip(Vm1), IPAddress.Parse("10.0.0.40"), IcmpV4.EchoRequest, 1, 1));
        net.Elsewhere.ShouldHaveSingleItem().To.ShouldBe(IPAddress.Parse("172.31.0.100"));
        net.Elsewhere[0].Packet[OxmField.TunnelId].ShouldBe((ulong)NetA.SegmentationId!);

        // Traffic from the device (its VNI, on the VXLAN port) is accepted and delivered.
        var fromDevice = SimPacket.FromFrame(FakeNetwork.VxlanPort,
            FrameBuilder.IcmpEcho(new PacketMac(0xfa163e000040), Mac(Vm1), IPAddress.Parse("10.0.0.40"), Ip(Vm1), IcmpV4.EchoRequest, 1, 1),
            tunnelId: (ulong)NetA.SegmentationId!, tunnelSource: MatchField.V4(IPAddress.Parse("172.31.0.100")));
        net.Inject(Ch1, fromDevice).ShouldHaveSingleItem().Output.Port.ShouldBe((uint)OfVm1);

        // Deleted: no flow mentions it any more, on any chassis.
        net.Delete<LogicalPort>(device.Id);
        net[Ch1].Switch.Flows.ShouldNotContain(f => f.ToString().Contains("fa163e000040", StringComparison.Ordinal) || f.ToString().Contains("ac1f0064", StringComparison.Ordinal));
        net.Verify();
    }

    [Fact]
    public void ChassisAddressChange_RewritesEveryFlowTowardsIt()
    {
        var net = Build();

        net.Put(FakeNetwork.Record(Ch2, "172.31.0.22"));

        var tunnelled = net[Ch1].Send(OfVm1, FrameBuilder.IcmpEcho(Mac(Vm1), Mac(Vm2), Ip(Vm1), Ip(Vm2), IcmpV4.EchoRequest, 1, 1)).Single();
        tunnelled.Packet[OxmField.TunIpv4Dst].ShouldBe(MatchField.V4(IPAddress.Parse("172.31.0.22")));
        net[Ch1].Switch.Flows.ShouldNotContain(f => f.ToString().Contains("ac1f0002", StringComparison.Ordinal));
        net.Verify();
    }

    [Fact]
    public void ChassisExpired_ItsPortsAreUnreachable_AndNotFloodedTo()
    {
        var net = Build();

        net.Delete<Chassis>(Ch2);

        net[Ch1].Send(OfVm1, FrameBuilder.IcmpEcho(Mac(Vm1), Mac(Vm2), Ip(Vm1), Ip(Vm2), IcmpV4.EchoRequest, 1, 1)).Dropped.ShouldBeTrue();
        net[Ch1].Send(OfVm1, FrameBuilder.Udp(Mac(Vm1), PacketMac.Broadcast, Ip(Vm1), IPAddress.Parse("10.0.0.255"), 9, 9, new byte[4])).Dropped.ShouldBeTrue();
        net[Ch1].Verify();
    }

    [Theory]
    [InlineData(FakeNetwork.VxlanPort, 9999)]   // unknown VNI
    [InlineData(FakeNetwork.GenevePort, 1001)]  // net-a's VNI on the wrong tunnel type
    public void TunnelPacket_WithUnknownVniOrWrongType_IsDropped(int port, int vni)
    {
        var net = Build();
        var packet = SimPacket.FromFrame((uint)port,
            FrameBuilder.IcmpEcho(Mac(Vm2), Mac(Vm1), Ip(Vm2), Ip(Vm1), IcmpV4.EchoRequest, 1, 1), tunnelId: (ulong)vni);

        net[Ch1].Switch.Trace(packet).Dropped.ShouldBeTrue();
    }
}
