using System.Net;
using Wyvern.Model;
using Wyvern.OpenFlow;
using Wyvern.OpenFlow.Matching;
using Wyvern.Packets;
using Wyvern.Pipeline;
using Wyvern.Testing;
using static Wyvern.Controller.Tests.Scenarios.EastWestTopology;
using PacketMac = Wyvern.Packets.MacAddress;

namespace Wyvern.Controller.Tests.Scenarios;

/// <summary>East-west on one chassis: L2, ARP responder, port security, distributed routing, DHCP diversion.</summary>
[Trait("Layer", Layer.Scenario)]
public sealed class OneChassis_TwoNetworks_RouterTests
{
    private static readonly PacketMac Vm1Mac = Mac(Vm1);

    [Fact]
    public void SameNetwork_Unicast_ReachesOnlyTheDestination()
    {
        var s = Build();

        var trace = s.Send(OfVm1, FrameBuilder.IcmpEcho(Vm1Mac, Mac(Vm2), Ip(Vm1), Ip(Vm2), IcmpV4.EchoRequest, 1, 1));

        var output = trace.Single();
        output.Port.ShouldBe((uint)OfVm2);
        output.Packet[OxmField.EthDst].ShouldBe(Mac(Vm2).Value);
        output.Packet[OxmField.IpTtl].ShouldBe(64ul);
        s.Verify();
    }

    [Fact]
    public void Broadcast_ReachesEveryOtherPortOfTheNetwork_AndNoOther()
    {
        var s = Build();

        var trace = s.Send(OfVm1, FrameBuilder.Udp(Vm1Mac, PacketMac.Broadcast, Ip(Vm1), IPAddress.Parse("10.0.0.255"), 5000, 5000, new byte[8]));

        trace.Outputs.Select(o => o.Port).ShouldBe([(uint)OfVm2]);
        s.Verify();
    }

    [Fact]
    public void ArpRequest_ForNeighbour_IsAnsweredInPlace()
    {
        var s = Build();
        var request = new ArpPacket(ArpPacket.Request, Vm1Mac, Ip(Vm1), PacketMac.Zero, Ip(Vm2));

        var reply = s.Send(OfVm1, FrameBuilder.Arp(Vm1Mac, PacketMac.Broadcast, request)).Single();

        reply.Port.ShouldBe((uint)OfVm1);
        reply.Packet[OxmField.ArpOp].ShouldBe(2ul);
        reply.Packet[OxmField.EthSrc].ShouldBe(Mac(Vm2).Value);
        reply.Packet[OxmField.EthDst].ShouldBe(Vm1Mac.Value);
        reply.Packet[OxmField.ArpSha].ShouldBe(Mac(Vm2).Value);
        reply.Packet[OxmField.ArpSpa].ShouldBe(MatchField.V4(Ip(Vm2)));
        reply.Packet[OxmField.ArpTha].ShouldBe(Vm1Mac.Value);
        reply.Packet[OxmField.ArpTpa].ShouldBe(MatchField.V4(Ip(Vm1)));
        s.Verify();
    }

    [Fact]
    public void ArpRequest_ForRouterInterface_IsAnsweredWithRouterMac()
    {
        var s = Build();
        var request = new ArpPacket(ArpPacket.Request, Vm1Mac, Ip(Vm1), PacketMac.Zero, IPAddress.Parse("10.0.0.1"));

        var reply = s.Send(OfVm1, FrameBuilder.Arp(Vm1Mac, PacketMac.Broadcast, request)).Single();

        reply.Packet[OxmField.ArpSha].ShouldBe(RouterMacA.Value);
        reply.Packet[OxmField.EthSrc].ShouldBe(RouterMacA.Value);
    }

    [Fact]
    public void OwnArpProbe_IsNotAnswered_ButFlooded()
    {
        var s = Build();
        var probe = new ArpPacket(ArpPacket.Request, Vm1Mac, IPAddress.Any, PacketMac.Zero, Ip(Vm1));

        var trace = s.Send(OfVm1, FrameBuilder.Arp(Vm1Mac, PacketMac.Broadcast, probe));

        trace.Outputs.Select(o => o.Port).ShouldBe([(uint)OfVm2]);
    }

    [Theory]
    [InlineData("10.0.0.99", "fa:16:3e:00:00:11")]
    [InlineData("10.0.0.11", "fa:16:3e:00:00:99")]
    public void SpoofedSource_IsDropped(string sourceIp, string sourceMac)
    {
        var s = Build();

        var trace = s.Send(OfVm1, FrameBuilder.IcmpEcho(PacketMac.Parse(sourceMac), Mac(Vm2), IPAddress.Parse(sourceIp), Ip(Vm2), IcmpV4.EchoRequest, 1, 1));

        trace.Dropped.ShouldBeTrue(trace.ToString());
    }

    [Fact]
    public void SpoofedArpSender_IsDropped()
    {
        var s = Build();
        var lie = new ArpPacket(ArpPacket.Reply, Vm1Mac, Ip(Vm2), Mac(Vm2), Ip(Vm2));

        s.Send(OfVm1, FrameBuilder.Arp(Vm1Mac, PacketMac.Broadcast, lie)).Dropped.ShouldBeTrue();
    }

    [Fact]
    public void PortSecurityOff_SpoofedSourcePasses()
    {
        var s = Build().Put(Vm1 with { PortSecurityEnabled = false });

        var trace = s.Send(OfVm1, FrameBuilder.IcmpEcho(Vm1Mac, Mac(Vm2), IPAddress.Parse("10.0.0.99"), Ip(Vm2), IcmpV4.EchoRequest, 1, 1));

        trace.Single().Port.ShouldBe((uint)OfVm2);
        s.Verify();
    }

    [Fact]
    public void AllowedAddressPair_PassesPortSecurity()
    {
        var vip = IPAddress.Parse("10.0.0.100");
        var s = Build().Put(Vm1 with { AllowedAddressPairs = [new AllowedAddressPair(new IPNetwork(vip, 32))] });

        s.Send(OfVm1, FrameBuilder.IcmpEcho(Vm1Mac, Mac(Vm2), vip, Ip(Vm2), IcmpV4.EchoRequest, 1, 1)).Single().Port.ShouldBe((uint)OfVm2);
        s.Verify();
    }

    [Fact]
    public void Routed_AcrossSubnets_OnSourceChassis_WithTtlAndMacRewrite()
    {
        var s = Build();

        var trace = s.Send(OfVm1, FrameBuilder.IcmpEcho(Vm1Mac, RouterMacA, Ip(Vm1), Ip(Vm3), IcmpV4.EchoRequest, 1, 1, ttl: 64));

        var output = trace.Single();
        output.Port.ShouldBe((uint)OfVm3);
        output.Packet[OxmField.IpTtl].ShouldBe(63ul);
        output.Packet[OxmField.EthSrc].ShouldBe(RouterMacB.Value);
        output.Packet[OxmField.EthDst].ShouldBe(Mac(Vm3).Value);
        output.Packet[OxmField.Ipv4Src].ShouldBe(MatchField.V4(Ip(Vm1)));
        s.Verify();
    }

    [Fact]
    public void Routed_WithTtlOne_GoesToControllerAsInvalidTtl()
    {
        var s = Build();

        var trace = s.Send(OfVm1, FrameBuilder.IcmpEcho(Vm1Mac, RouterMacA, Ip(Vm1), Ip(Vm3), IcmpV4.EchoRequest, 1, 1, ttl: 1));

        trace.Outputs.ShouldBeEmpty();
        trace.PacketIns.Single().Reason.ShouldBe(PacketInReason.InvalidTtl);
        trace.PacketIns.Single().Packet[Registers.RouterField].ShouldBe((ulong)Router.Key);
    }

    [Fact]
    public void EchoToRouterInterface_IsAnsweredInPlace()
    {
        var s = Build();
        var otherInterface = IPAddress.Parse("10.0.1.1");

        var reply = s.Send(OfVm1, FrameBuilder.IcmpEcho(Vm1Mac, RouterMacA, Ip(Vm1), otherInterface, IcmpV4.EchoRequest, 7, 1)).Single();

        reply.Port.ShouldBe((uint)OfVm1);
        reply.Packet[OxmField.Icmpv4Type].ShouldBe((ulong)IcmpV4.EchoReply);
        reply.Packet[OxmField.Ipv4Src].ShouldBe(MatchField.V4(otherInterface));
        reply.Packet[OxmField.Ipv4Dst].ShouldBe(MatchField.V4(Ip(Vm1)));
        reply.Packet[OxmField.EthSrc].ShouldBe(RouterMacA.Value);
        reply.Packet[OxmField.EthDst].ShouldBe(Vm1Mac.Value);
    }

    [Fact]
    public void StaticRoutes_LongestPrefixWins()
    {
        var s = Build().Put(Router with
        {
            Routes =
            [
                new HostRoute(IPNetwork.Parse("192.168.0.0/16"), Ip(Vm3)),
                new HostRoute(IPNetwork.Parse("192.168.5.0/24"), Ip(Vm2)),
            ],
        });

        var narrow = s.Send(OfVm1, FrameBuilder.IcmpEcho(Vm1Mac, RouterMacA, Ip(Vm1), IPAddress.Parse("192.168.5.7"), IcmpV4.EchoRequest, 1, 1)).Single();
        var wide = s.Send(OfVm1, FrameBuilder.IcmpEcho(Vm1Mac, RouterMacA, Ip(Vm1), IPAddress.Parse("192.168.6.7"), IcmpV4.EchoRequest, 1, 1)).Single();

        narrow.Port.ShouldBe((uint)OfVm2);
        narrow.Packet[OxmField.EthDst].ShouldBe(Mac(Vm2).Value);
        narrow.Packet[OxmField.EthSrc].ShouldBe(RouterMacA.Value);
        wide.Port.ShouldBe((uint)OfVm3);
        wide.Packet[OxmField.EthSrc].ShouldBe(RouterMacB.Value);
        s.Verify();
    }

    [Fact]
    public void DhcpDiscover_ReachesControllerWithPortAndNetwork()
    {
        var s = Build();

        var trace = s.Send(OfVm1, DhcpDiscover(Vm1Mac));

        var packetIn = trace.PacketIns.ShouldHaveSingleItem();
        packetIn.Packet[Registers.SourcePortField].ShouldBe((ulong)Vm1.Key);
        packetIn.Packet[OxmField.Metadata].ShouldBe((ulong)NetA.Key);
        trace.Outputs.ShouldBeEmpty();
        s.Verify();
    }

    [Fact]
    public void DhcpDisabled_DiscoverIsFloodedNotDiverted()
    {
        var s = Build().Put(SubnetA with { EnableDhcp = false });

        var trace = s.Send(OfVm1, DhcpDiscover(Vm1Mac));

        trace.PacketIns.ShouldBeEmpty();
        trace.Outputs.Select(o => o.Port).ShouldBe([(uint)OfVm2]);
        s.Verify();
    }

    [Fact]
    public void DeletedPort_StopsForwarding_AndLeavesNoFlowBehind()
    {
        var s = Build();
        var before = s.Engine.Desired.Count;

        s.Delete<LogicalPort>(Vm2.Id);

        s.Send(OfVm1, FrameBuilder.IcmpEcho(Vm1Mac, Mac(Vm2), Ip(Vm1), Ip(Vm2), IcmpV4.EchoRequest, 1, 1)).Dropped.ShouldBeTrue();
        s.Switch.Flows.ShouldNotContain(f => f.Match.ToString().Contains($"0x{Mac(Vm2).Value:x}", StringComparison.Ordinal));
        s.Engine.Desired.Count.ShouldBeLessThan(before);
        s.Verify();
    }

    [Fact]
    public void UnpluggedPort_LosesItsLocalFlows_ReplugRestoresThem()
    {
        var s = Build();
        var plugged = s.Snapshot();

        s.Unplug(Vm2.Id);
        s.Send(OfVm1, FrameBuilder.IcmpEcho(Vm1Mac, Mac(Vm2), Ip(Vm1), Ip(Vm2), IcmpV4.EchoRequest, 1, 1)).Dropped.ShouldBeTrue();
        s.Verify();

        s.Plug(Vm2.Id, OfVm2);
        s.Snapshot().ShouldBe(plugged);
        s.Verify();
    }

    [Fact]
    public void ChangeThenRevert_RestoresTheTable()
    {
        var s = Build();
        var original = s.Snapshot();
        var moved = Vm2 with { FixedIps = [new FixedIp(SubnetA.Id, IPAddress.Parse("10.0.0.50"))] };

        s.Put(moved);
        s.Snapshot().ShouldNotBe(original);
        s.Verify();

        s.Put(Vm2);
        s.Snapshot().ShouldBe(original);
        s.Verify();
    }

    [Fact]
    public void SameObjectTwice_SendsNothing()
    {
        var s = Build();

        s.Put(Vm1, Router, SubnetA);

        s.LastSyncCount.ShouldBe(0);
    }

    [Fact]
    public void EveryFlowCarriesAWyvernCookie_AndFitsTheLayout()
    {
        var s = Build();

        s.Switch.Flows.ShouldAllBe(f => FlowCookie.IsWyvern(f.Cookie));
        s.Engine.Desired.All.SelectMany(FlowValidator.Check).ShouldBeEmpty();
    }

    [Fact]
    public void Resync_FromASnapshot_DropsWhatIsGone_AndEqualsAFreshLoad()
    {
        var s = Build();
        var snapshot = new NbObject[] { NetA, NetB, SubnetB, Vm1, Vm3 with { AdminStateUp = false }, Router };

        s.Engine.HandleSnapshot(snapshot);
        s.Sync();

        var fresh = new Wyvern.Controller.Engine.FlowEngine(new Wyvern.Controller.Engine.ChassisState("chassis-1"), Wyvern.Controller.Engine.FlowEngine.DefaultApps());
        foreach (var o in snapshot)
        {
            fresh.State.Upsert(o);
        }
        foreach (var (port, ofport) in s.Engine.State.LocalPorts)
        {
            fresh.State.SetLocalOfPort(port, ofport);
        }
        fresh.RunAll();
        s.Engine.State.Subnet(SubnetA.Id).ShouldBeNull();
        s.Engine.State.Port(Vm2.Id).ShouldBeNull();
        s.Snapshot().ShouldBe([.. fresh.Desired.All.Select(f => $"{f.Key} {f.App} {string.Join(";", f.Instructions)}").Order(StringComparer.Ordinal)]);
        s.Send(OfVm1, FrameBuilder.IcmpEcho(Vm1Mac, Mac(Vm2), Ip(Vm1), Ip(Vm2), IcmpV4.EchoRequest, 1, 1)).Dropped.ShouldBeTrue();
        s.Verify();
    }
}
