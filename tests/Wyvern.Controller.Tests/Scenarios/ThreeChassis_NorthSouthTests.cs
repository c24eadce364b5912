using System.Net;
using Wyvern.Model;
using Wyvern.OpenFlow.Matching;
using Wyvern.Testing;
using static Wyvern.Controller.Tests.Scenarios.NorthSouthTopology;

namespace Wyvern.Controller.Tests.Scenarios;

/// <summary>
/// Floating IPs (distributed and centralized), SNAT through the gateway
/// chassis, fail-over, and the "one chassis answers for an address" invariant,
/// on three simulated chassis (<see cref="NorthSouthTopology"/>).
/// </summary>
[Trait("Layer", Layer.Scenario)]
public sealed class ThreeChassis_NorthSouthTests
{
    /// <summary>Which chassis answer ARP for <paramref name="ip"/> on the external network, and with which MAC.</summary>
    private static List<(string Chassis, Packets.MacAddress Mac)> ArpAnswers(FakeNetwork net, IPAddress ip)
    {
        net.Physical.Clear();
        net.FromPhysical(ArpFromHost(ip)).ShouldBeEmpty();
        return [.. net.Physical
            .Where(p => p.Packet[OxmField.ArpOp] == 2)
            .Select(p => (p.From, MacOf(p.Packet, OxmField.ArpSha)))];
    }

    private static void AssertEachAddressAnsweredOnce(FakeNetwork net, params (IPAddress Ip, string Chassis)[] expected)
    {
        foreach (var (ip, chassis) in expected)
        {
            ArpAnswers(net, ip).Select(a => a.Chassis).ShouldBe([chassis], $"ARP for {ip}");
        }
    }

    [Fact]
    public void Arp_EachFloatingAndGatewayIp_IsAnsweredByExactlyOneChassis()
    {
        var net = Build();

        ArpAnswers(net, Fip1.FloatingIpAddress).ShouldBe([("ch1", Mac(Fip1))]);
        // vm2's chassis has no external port: the gateway chassis answers for it.
        ArpAnswers(net, Fip2.FloatingIpAddress).ShouldBe([("ch1", Mac(Fip2))]);
        ArpAnswers(net, GatewayIp).ShouldBe([("ch1", GatewayMac)]);
        ArpAnswers(net, IPAddress.Parse("203.0.113.200")).ShouldBeEmpty();
        net.Verify();
    }

    [Fact]
    public void DistributedFloatingIp_InboundIsDnatedAndRoutedOnTheVmsChassis_Only()
    {
        var net = Build();
        net.Physical.Clear();

        var delivered = net.FromPhysical(UdpFromOutside(Internet, Mac(Fip1), Fip1.FloatingIpAddress)).ShouldHaveSingleItem();

        delivered.Chassis.ShouldBe("ch1");
        delivered.Output.Port.ShouldBe(1u);
        var p = delivered.Output.Packet;
        V4(p, OxmField.Ipv4Dst).ShouldBe(Ip(Vm1));
        V4(p, OxmField.Ipv4Src).ShouldBe(Internet);
        MacOf(p, OxmField.EthSrc).ShouldBe(RouterMacA);
        MacOf(p, OxmField.EthDst).ShouldBe(Mac(Vm1));
        p[OxmField.IpTtl].ShouldBe(63ul);
        net.Physical.ShouldBeEmpty();
        net.Verify();
    }

    [Fact]
    public void DistributedFloatingIp_OutboundLeavesTheVmsChassisAsTheFloatingIp_AndTheReplyComesBack()
    {
        var net = Build();
        net.Physical.Clear();

        net.Send("ch1", 1, UdpFromVm(Vm1, Internet)).ShouldBeEmpty();

        var (from, wire) = net.Physical.ShouldHaveSingleItem();
        from.ShouldBe("ch1");
        V4(wire, OxmField.Ipv4Src).ShouldBe(Fip1.FloatingIpAddress);
        V4(wire, OxmField.Ipv4Dst).ShouldBe(Internet);
        MacOf(wire, OxmField.EthSrc).ShouldBe(Mac(Fip1));
        MacOf(wire, OxmField.EthDst).ShouldBe(HostMac);
        wire[OxmField.IpTtl].ShouldBe(63ul);

        var reply = net.FromPhysical(UdpFromOutside(Internet, Mac(Fip1), Fip1.FloatingIpAddress, 5000, 53)).ShouldHaveSingleItem();
        reply.Chassis.ShouldBe("ch1");
        V4(reply.Output.Packet, OxmField.Ipv4Dst).ShouldBe(Ip(Vm1));
        net.Verify();
    }

    [Fact]
    public void CentralizedFloatingIp_GoesThroughTheGatewayChassis_BothWays()
    {
        var net = Build();
        net.Physical.Clear();

        var delivered = net.FromPhysical(UdpFromOutside(Internet, Mac(Fip2), Fip2.FloatingIpAddress)).ShouldHaveSingleItem();
        delivered.Chassis.ShouldBe("ch2");
        V4(delivered.Output.Packet, OxmField.Ipv4Dst).ShouldBe(Ip(Vm2));
        MacOf(delivered.Output.Packet, OxmField.EthDst).ShouldBe(Mac(Vm2));

        net.Physical.Clear();
        net.Send("ch2", 1, UdpFromVm(Vm2, Internet, 53, 5000)).ShouldBeEmpty();
        var (from, wire) = net.Physical.ShouldHaveSingleItem();
        from.ShouldBe("ch1");
        V4(wire, OxmField.Ipv4Src).ShouldBe(Fip2.FloatingIpAddress);
        MacOf(wire, OxmField.EthSrc).ShouldBe(Mac(Fip2));
        // Routed once, on the gateway chassis.
        wire[OxmField.IpTtl].ShouldBe(63ul);
        net.Verify();
    }

    [Fact]
    public void Snat_FromAChassisThatIsNotTheGateway_LeavesAsTheGatewayIp_RepliesReturn_UnsolicitedIsDropped()
    {
        var net = Build();
        net.Physical.Clear();

        net.Send("ch3", 1, UdpFromVm(Vm3, Internet, 4000, 53)).ShouldBeEmpty();

        var (from, wire) = net.Physical.ShouldHaveSingleItem();
        from.ShouldBe("ch1");
        V4(wire, OxmField.Ipv4Src).ShouldBe(GatewayIp);
        MacOf(wire, OxmField.EthSrc).ShouldBe(GatewayMac);
        MacOf(wire, OxmField.EthDst).ShouldBe(HostMac);

        var reply = net.FromPhysical(UdpFromOutside(Internet, GatewayMac, GatewayIp, 53, 4000)).ShouldHaveSingleItem();
        reply.Chassis.ShouldBe("ch3");
        V4(reply.Output.Packet, OxmField.Ipv4Dst).ShouldBe(Ip(Vm3));

        net.FromPhysical(UdpFromOutside(Internet, GatewayMac, GatewayIp, 53, 4001)).ShouldBeEmpty();
        net.FromPhysical(UdpFromOutside(Internet, GatewayMac, GatewayIp, 6000, 22)).ShouldBeEmpty();
        net.Verify();
    }

    [Fact]
    public void EastWest_BetweenVmsOfTheRouter_IsNeverNated()
    {
        var net = Build();

        var delivered = net.Send("ch1", 1, UdpFromVm(Vm1, Ip(Vm4))).ShouldHaveSingleItem();

        delivered.Chassis.ShouldBe("ch2");
        V4(delivered.Output.Packet, OxmField.Ipv4Src).ShouldBe(Ip(Vm1));
        V4(delivered.Output.Packet, OxmField.Ipv4Dst).ShouldBe(Ip(Vm4));
        net.Verify();
    }

    [Fact]
    public void FloatingIp_MovedToAnotherPort_MovesEveryFlow_AndRevertRestoresTheTable()
    {
        var net = Build();
        var before = net["ch1"].Snapshot();

        net.Put(Fip(Fip1.Id, "203.0.113.101", "fa:16:3e:f1:00:01", Vm3));

        ArpAnswers(net, Fip1.FloatingIpAddress).ShouldBe([("ch3", Mac(Fip1))]);
        var delivered = net.FromPhysical(UdpFromOutside(Internet, Mac(Fip1), Fip1.FloatingIpAddress)).ShouldHaveSingleItem();
        delivered.Chassis.ShouldBe("ch3");
        V4(delivered.Output.Packet, OxmField.Ipv4Dst).ShouldBe(Ip(Vm3));
        net.Verify();

        net.Put(Fip1);
        net["ch1"].Snapshot().ShouldBe(before);
        net.Verify();
    }

    [Fact]
    public void FloatingIp_DisassociatedOrDeleted_IsAnsweredByNobody()
    {
        var net = Build();

        net.Put(Fip1 with { PortId = null, FixedIpAddress = null, RouterId = null });
        ArpAnswers(net, Fip1.FloatingIpAddress).ShouldBeEmpty();
        net.FromPhysical(UdpFromOutside(Internet, Mac(Fip1), Fip1.FloatingIpAddress)).ShouldBeEmpty();
        // Without its floating IP vm1 now goes out through SNAT like everyone else.
        net.Physical.Clear();
        net.Send("ch1", 1, UdpFromVm(Vm1, Internet));
        V4(net.Physical.ShouldHaveSingleItem().Packet, OxmField.Ipv4Src).ShouldBe(GatewayIp);

        net.Delete<FloatingIp>(Fip2.Id);
        ArpAnswers(net, Fip2.FloatingIpAddress).ShouldBeEmpty();
        net.Verify();
    }

    [Fact]
    public void GatewayChassisLost_TheNextGatewayChassisTakesOverSnatAndCentralizedFloatingIps()
    {
        var net = Build();

        net.Delete<Chassis>("ch1");

        // vm1's host is gone: its floating IP has nobody to serve it.
        AssertEachAddressAnsweredOnce(net, (GatewayIp, "ch3"), (Fip2.FloatingIpAddress, "ch3"));
        ArpAnswers(net, Fip1.FloatingIpAddress).ShouldBeEmpty();
        net.Physical.Clear();
        net.Send("ch3", 1, UdpFromVm(Vm3, Internet, 4000, 53));
        var (from, wire) = net.Physical.ShouldHaveSingleItem();
        from.ShouldBe("ch3");
        V4(wire, OxmField.Ipv4Src).ShouldBe(GatewayIp);

        net.Put(FakeNetwork.Record("ch1", "172.31.0.1", externalPort: true, gatewayCapable: true));
        AssertEachAddressAnsweredOnce(net, (GatewayIp, "ch1"), (Fip1.FloatingIpAddress, "ch1"), (Fip2.FloatingIpAddress, "ch1"));
        net.Verify();
    }

    [Fact]
    public void NextHopNotResolved_NothingLeaves_UntilItIs()
    {
        var net = Build();
        net.Delete<Neighbour>(NextHop.Id);
        net.Physical.Clear();

        net.Send("ch1", 1, UdpFromVm(Vm1, Internet));
        net.Physical.ShouldBeEmpty();

        net.Put(NextHop);
        net.Send("ch1", 1, UdpFromVm(Vm1, Internet));
        MacOf(net.Physical.ShouldHaveSingleItem().Packet, OxmField.EthDst).ShouldBe(HostMac);
        net.Verify();
    }

    [Fact]
    public void VmPlugged_OnAChassisWithoutExternalPort_AfterMoving_GetsCentralizedService()
    {
        var net = Build();

        // vm1 moves from ch1 to ch2 (no external port).
        net["ch1"].Unplug(Vm1.Id);
        net.Put(Vm1 with { Binding = new PortBinding("ch2") });
        net["ch2"].Plug(Vm1.Id, 3);

        ArpAnswers(net, Fip1.FloatingIpAddress).ShouldBe([("ch1", Mac(Fip1))]);
        var delivered = net.FromPhysical(UdpFromOutside(Internet, Mac(Fip1), Fip1.FloatingIpAddress)).ShouldHaveSingleItem();
        delivered.Chassis.ShouldBe("ch2");
        delivered.Output.Port.ShouldBe(3u);
        net.Verify();
    }
}
