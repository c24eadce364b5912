using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Wyvern.Controller.PacketIns;
using Wyvern.Controller.Tests.PacketIns;
using Wyvern.Model;
using Wyvern.OpenFlow;
using Wyvern.OpenFlow.Matching;
using Wyvern.OpenFlow.Messages;
using Wyvern.Packets;
using Wyvern.Pipeline;
using Wyvern.Testing;
using ModelMac = Wyvern.Model.MacAddress;
using PacketMac = Wyvern.Packets.MacAddress;

namespace Wyvern.Controller.Tests.Scenarios;

/// <summary>IPv6 east-west on one chassis: port security, router neighbour discovery, routing.</summary>
[Trait("Layer", Layer.Scenario)]
public sealed class OneChassis_Ipv6Tests
{
    private static readonly LogicalSwitch NetA = new() { Id = "v6-a", Key = 1 };
    private static readonly LogicalSwitch NetB = new() { Id = "v6-b", Key = 2 };
    private static readonly PacketMac Mac1 = PacketMac.Parse("fa:16:3e:00:06:01");
    private static readonly PacketMac Mac2 = PacketMac.Parse("fa:16:3e:00:06:02");
    private static readonly PacketMac Mac3 = PacketMac.Parse("fa:16:3e:00:06:03");
    private static readonly PacketMac RouterA = PacketMac.Parse("fa:16:3e:bb:00:01");
    private static readonly PacketMac RouterB = PacketMac.Parse("fa:16:3e:bb:00:02");
    private static readonly IPAddress Ip1 = IPAddress.Parse("2001:db8:a::11");
    private static readonly IPAddress Ip2 = IPAddress.Parse("2001:db8:a::12");
    private static readonly IPAddress Ip3 = IPAddress.Parse("2001:db8:b::13");
    private static readonly IPAddress GatewayA = IPAddress.Parse("2001:db8:a::1");

    private static ScenarioSwitch Build()
    {
        var s = new ScenarioSwitch();
        s.Put(OpenSecurityGroup.Group, NetA, NetB,
            new Subnet { Id = "s-a", NetworkId = NetA.Id, Cidr = IPNetwork.Parse("2001:db8:a::/64"), GatewayIp = GatewayA },
            new Subnet { Id = "s-b", NetworkId = NetB.Id, Cidr = IPNetwork.Parse("2001:db8:b::/64"), GatewayIp = IPAddress.Parse("2001:db8:b::1") },
            Port("p1", 11, NetA, "s-a", Mac1, Ip1), Port("p2", 12, NetA, "s-a", Mac2, Ip2), Port("p3", 13, NetB, "s-b", Mac3, Ip3),
            new LogicalRouter
            {
                Id = "r6",
                Key = 6,
                Ports =
                [
                    new RouterPort { Id = "rp6-a", Key = 21, NetworkId = NetA.Id, SubnetId = "s-a", MacAddress = new ModelMac(RouterA.Value), IpAddress = GatewayA, Network = IPNetwork.Parse("2001:db8:a::/64") },
                    new RouterPort { Id = "rp6-b", Key = 22, NetworkId = NetB.Id, SubnetId = "s-b", MacAddress = new ModelMac(RouterB.Value), IpAddress = IPAddress.Parse("2001:db8:b::1"), Network = IPNetwork.Parse("2001:db8:b::/64") },
                ],
            });
        s.Plug("p1", 1).Plug("p2", 2).Plug("p3", 3);
        return s;
    }

    [Fact]
    public void Routed_AcrossIpv6Subnets_WithHopLimitAndMacRewrite()
    {
        var s = Build();

        var output = s.Send(1, Echo(Mac1, RouterA, Ip1, Ip3)).Single();

        output.Port.ShouldBe(3u);
        output.Packet[OxmField.IpTtl].ShouldBe(63ul);
        output.Packet[OxmField.EthSrc].ShouldBe(RouterB.Value);
        output.Packet[OxmField.EthDst].ShouldBe(Mac3.Value);
        s.Verify();
    }

    [Fact]
    public void NeighborSolicitation_ForTheRouter_IsAnsweredByTheController()
    {
        var s = Build();
        var lla = IPAddress.Parse("fe80::f816:3eff:fe00:601");

        var trace = s.Send(1, FrameBuilder.NeighborSolicitation(Mac1, lla, GatewayA));

        var packetIn = trace.PacketIns.ShouldHaveSingleItem();
        trace.Outputs.ShouldBeEmpty();
        var handler = new PacketInHandler(s.Engine.State, new ControllerOptions { ChassisName = "chassis-1" }, new ManualTime(), NullLogger.Instance);
        var reply = handler.Handle(new PacketIn(OfpPort.NoBufferId, 0, PacketInReason.Action, packetIn.Table, 0,
            Match.Create(MatchField.InPort(1), MatchField.Metadata((ulong)NetA.Key), Registers.MatchSourcePort(11)),
            packetIn.Packet.Frame)).ShouldNotBeNull();
        var na = FrameView.Parse(reply.Data.Span.ToArray());
        na.Icmpv6.ShouldBe((IcmpV6.NeighborAdvertisement, (byte)0));
        na.NdTarget.ShouldBe(GatewayA);
        na.Ethernet.Source.ShouldBe(RouterA);
        na.Ipv6!.Value.Destination.ShouldBe(lla);
    }

    [Fact]
    public void NeighborSolicitation_ForAnotherVm_IsFloodedToIt()
    {
        var s = Build();

        var trace = s.Send(1, FrameBuilder.NeighborSolicitation(Mac1, IPAddress.Parse("fe80::f816:3eff:fe00:601"), Ip2));

        trace.Outputs.Select(o => o.Port).ShouldBe([2u]);
    }

    [Fact]
    public void SpoofedIpv6Source_IsDropped() =>
        Build().Send(1, Echo(Mac1, Mac2, IPAddress.Parse("2001:db8:a::99"), Ip2)).Dropped.ShouldBeTrue();

    [Fact]
    public void SameNetworkIpv6_IsDelivered() =>
        Build().Send(1, Echo(Mac1, Mac2, Ip1, Ip2)).Single().Port.ShouldBe(2u);

    private static byte[] Echo(PacketMac src, PacketMac dst, IPAddress from, IPAddress to) =>
        FrameBuilder.Icmpv6(src, dst, from, to, IcmpV6.EchoRequest, 0, new byte[12], hopLimit: 64);

    private static LogicalPort Port(string id, int key, LogicalSwitch net, string subnet, PacketMac mac, IPAddress ip) => new()
    {
        Id = id,
        Key = key,
        NetworkId = net.Id,
        MacAddress = new ModelMac(mac.Value),
        FixedIps = [new FixedIp(subnet, ip)],
        DeviceOwner = "compute:nova",
        SecurityGroupIds = [OpenSecurityGroup.Id],
    };
}
