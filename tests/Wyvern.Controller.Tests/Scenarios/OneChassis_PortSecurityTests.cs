using System.Net;
using Wyvern.Model;
using Wyvern.Packets;
using Wyvern.Pipeline;
using Wyvern.Testing;
using static Wyvern.Controller.Tests.Scenarios.EastWestTopology;
using PacketMac = Wyvern.Packets.MacAddress;

namespace Wyvern.Controller.Tests.Scenarios;

/// <summary>
/// Port security's three tables on one chassis (vm1, vm2 on net-a; vm3 on
/// net-b): the sender loaded into registers (table 5), the port's MAC and
/// IPv4 addresses (table 6), and what a port sends from its own MAC before
/// it has an address (table 7): DHCP discovery, ARP probes, duplicate
/// address detection. Each shape passes from the port's MAC only, and the
/// local/remote split of the destination lookup.
/// </summary>
[Trait("Layer", Layer.Scenario)]
public sealed class OneChassis_PortSecurityTests
{
    private static readonly PacketMac Vm1Mac = Mac(Vm1);
    private static readonly PacketMac Stranger = PacketMac.Parse("02:00:00:00:00:99");
    private static readonly IPAddress FreeAddress = IPAddress.Parse("10.0.0.50");
    private const int EthernetHeaderSize = 14;

    private static readonly string[] Shapes = ["dhcp-discover", "arp-probe", "dad"];

    /// <summary>A frame of <paramref name="shape"/> sent with Ethernet source <paramref name="ethSrc"/> and, for ARP, sender <paramref name="arpSha"/>.</summary>
    private static byte[] Unaddressed(string shape, PacketMac ethSrc, PacketMac? arpSha = null) => shape switch
    {
        "dhcp-discover" => DhcpDiscover(ethSrc),
        "arp-probe" => FrameBuilder.Arp(ethSrc, PacketMac.Broadcast,
            new ArpPacket(ArpPacket.Request, arpSha ?? ethSrc, IPAddress.Any, PacketMac.Zero, FreeAddress)),
        _ => FrameBuilder.NeighborSolicitation(ethSrc, IPAddress.IPv6Any, LinkLocal(Vm1)), // duplicate address detection
    };

    /// <summary>The EUI-64 link-local address of a port (what a guest runs DAD for first).</summary>
    private static IPAddress LinkLocal(LogicalPort port)
    {
        var m = port.MacAddress.ToBytes();
        return new IPAddress([0xfe, 0x80, 0, 0, 0, 0, 0, 0, (byte)(m[0] ^ 0x02), m[1], m[2], 0xff, 0xfe, m[3], m[4], m[5]]);
    }

    [Theory]
    [InlineData("dhcp-discover")]
    [InlineData("arp-probe")]
    [InlineData("dad")]
    public void Unaddressed_FromThePortsOwnMac_PassesPortSecurity(string shape)
    {
        var s = Build();

        var trace = s.Send(OfVm1, Unaddressed(shape, Vm1Mac));

        trace.Path.Select(p => p.Table).ShouldContain((byte)TableId.EgressPortSecurityUnaddressed, trace.ToString());
        if (shape == "dhcp-discover")
        {
            // Diverted to the controller, which answers from the model.
            trace.PacketIns.ShouldHaveSingleItem().Packet[Registers.SourcePortField].ShouldBe((ulong)Vm1.Key);
        }
        else
        {
            // Nobody holds the address: flooded to the rest of the network.
            trace.Outputs.Select(o => o.Port).ShouldBe([(uint)OfVm2], trace.ToString());
        }
        s.Verify();
    }

    [Theory]
    [InlineData("dhcp-discover")]
    [InlineData("arp-probe")]
    [InlineData("dad")]
    public void Unaddressed_FromAnotherMac_IsDropped(string shape)
    {
        var s = Build();

        s.Send(OfVm1, Unaddressed(shape, Stranger)).Dropped.ShouldBeTrue(shape + " from an unknown MAC");
        s.Send(OfVm1, Unaddressed(shape, Mac(Vm2))).Dropped.ShouldBeTrue(shape + " from vm2's MAC on vm1's port");
    }

    [Fact]
    public void ArpProbe_WithAnotherSenderHardwareAddress_IsDropped()
    {
        var s = Build();

        s.Send(OfVm1, Unaddressed("arp-probe", Vm1Mac, arpSha: Mac(Vm2))).Dropped.ShouldBeTrue();
        s.Send(OfVm1, Unaddressed("arp-probe", Mac(Vm2), arpSha: Vm1Mac)).Dropped.ShouldBeTrue();
    }

    [Fact]
    public void Arp_FromItsOwnAddress_WithAnotherSenderHardwareAddress_IsDropped()
    {
        var s = Build();
        var request = new ArpPacket(ArpPacket.Request, Mac(Vm2), Ip(Vm1), PacketMac.Zero, FreeAddress);

        s.Send(OfVm1, FrameBuilder.Arp(Vm1Mac, PacketMac.Broadcast, request)).Dropped.ShouldBeTrue();
    }

    [Fact]
    public void UnspecifiedSource_OtherThanTheUnaddressedShapes_IsDropped()
    {
        var s = Build();

        // From 0.0.0.0 but not DHCP discovery: to a unicast address, or to broadcast on another UDP port.
        s.Send(OfVm1, FrameBuilder.Udp(Vm1Mac, PacketMac.Broadcast, IPAddress.Any, Ip(Vm2), 68, 67, new byte[8])).Dropped.ShouldBeTrue();
        s.Send(OfVm1, FrameBuilder.Udp(Vm1Mac, PacketMac.Broadcast, IPAddress.Any, IPAddress.Broadcast, 5000, 67, new byte[8])).Dropped.ShouldBeTrue();
        s.Send(OfVm1, FrameBuilder.IcmpEcho(Vm1Mac, Mac(Vm2), IPAddress.Any, Ip(Vm2), IcmpV4.EchoRequest, 1, 1)).Dropped.ShouldBeTrue();
        // From :: but not ICMPv6 (UDP: the IPv6 next header rewritten; its first bytes read as ports).
        var udp6 = FrameBuilder.Icmpv6(Vm1Mac, Mac(Vm2), IPAddress.IPv6Any, LinkLocal(Vm2), IcmpV6.EchoRequest, 0, new byte[12]);
        udp6[EthernetHeaderSize + 6] = 17;
        s.Send(OfVm1, udp6).Dropped.ShouldBeTrue();
    }

    [Fact]
    public void AllowedAddressPair_WithItsOwnMac_PassesForIpv4AndArp_ButNotUnaddressed()
    {
        var pairMac = PacketMac.Parse("fa:16:3e:00:00:77");
        var vip = IPAddress.Parse("10.0.0.100");
        var s = Build().Put(Vm1 with
        {
            AllowedAddressPairs = [new AllowedAddressPair(new IPNetwork(vip, 32), new Model.MacAddress(pairMac.Value))],
        });

        s.Send(OfVm1, FrameBuilder.IcmpEcho(pairMac, Mac(Vm2), vip, Ip(Vm2), IcmpV4.EchoRequest, 1, 1)).Single().Port.ShouldBe((uint)OfVm2);
        var announce = new ArpPacket(ArpPacket.Request, pairMac, vip, PacketMac.Zero, vip);
        s.Send(OfVm1, FrameBuilder.Arp(pairMac, PacketMac.Broadcast, announce)).Outputs.Select(o => o.Port).ShouldBe([(uint)OfVm2]);
        // The pair's MAC with the port's address, or the port's MAC with the pair's: dropped.
        s.Send(OfVm1, FrameBuilder.IcmpEcho(pairMac, Mac(Vm2), Ip(Vm1), Ip(Vm2), IcmpV4.EchoRequest, 1, 1)).Dropped.ShouldBeTrue();
        s.Send(OfVm1, FrameBuilder.IcmpEcho(Vm1Mac, Mac(Vm2), vip, Ip(Vm2), IcmpV4.EchoRequest, 1, 1)).Dropped.ShouldBeTrue();
        var mixed = new ArpPacket(ArpPacket.Request, Vm1Mac, vip, PacketMac.Zero, vip);
        s.Send(OfVm1, FrameBuilder.Arp(pairMac, PacketMac.Broadcast, mixed)).Dropped.ShouldBeTrue();
        // Only the port's own MAC sends without an address.
        foreach (var shape in Shapes)
        {
            s.Send(OfVm1, Unaddressed(shape, pairMac)).Dropped.ShouldBeTrue(shape + " from the pair's MAC");
        }
        s.Verify();
    }

    [Fact]
    public void AllowedAddressPair_EveryIpv4Address_DoesNotAdmitIpv6FromItsMac()
    {
        var pairMac = PacketMac.Parse("fa:16:3e:00:00:77");
        var s = Build().Put(Vm1 with
        {
            AllowedAddressPairs = [new AllowedAddressPair(IPNetwork.Parse("0.0.0.0/0"), new Model.MacAddress(pairMac.Value))],
        });

        // Any IPv4 source from the pair's MAC, 0.0.0.0 included (as before the split).
        s.Send(OfVm1, FrameBuilder.IcmpEcho(pairMac, Mac(Vm2), IPAddress.Parse("192.0.2.1"), Ip(Vm2), IcmpV4.EchoRequest, 1, 1))
            .Single().Port.ShouldBe((uint)OfVm2);
        s.Send(OfVm1, FrameBuilder.Udp(pairMac, Mac(Vm2), IPAddress.Any, Ip(Vm2), 9, 9, new byte[8])).Single().Port.ShouldBe((uint)OfVm2);
        // IPv6 from :: rides on the same registers without an IPv4 address: the IPv4 pair does not cover it.
        s.Send(OfVm1, Unaddressed("dad", pairMac)).Dropped.ShouldBeTrue();
        s.Verify();
    }

    [Fact]
    public void PortSecurity_OffThenOn_RestoresTheTable()
    {
        var s = Build();
        var before = s.Snapshot();

        s.Put(Vm1 with { PortSecurityEnabled = false });
        s.Send(OfVm1, Unaddressed("dhcp-discover", Stranger)).PacketIns.ShouldHaveSingleItem();
        s.Verify();

        s.Put(Vm1);
        s.Snapshot().ShouldBe(before);
        s.Send(OfVm1, Unaddressed("dhcp-discover", Stranger)).Dropped.ShouldBeTrue();
        s.Verify();
    }

    [Fact]
    public void LocalDestination_GoesFromL2LookupStraightToIngress()
    {
        var s = Build();

        var trace = s.Send(OfVm1, FrameBuilder.IcmpEcho(Vm1Mac, Mac(Vm2), Ip(Vm1), Ip(Vm2), IcmpV4.EchoRequest, 1, 1));

        trace.Single().Port.ShouldBe((uint)OfVm2);
        var tables = trace.Path.Select(p => p.Table).ToList();
        tables.ShouldNotContain((byte)TableId.Egress);
        tables.IndexOf((byte)TableId.IngressSecurityGroupKey).ShouldBe(tables.IndexOf((byte)TableId.L2Lookup) + 1, trace.ToString());
        tables.IndexOf((byte)TableId.IngressConntrack).ShouldBe(tables.IndexOf((byte)TableId.IngressSecurityGroupKey) + 1, trace.ToString());
        trace.Path.Single(p => p.Table == (byte)TableId.IngressDispatch).Flow.Match.Fields.ToArray()
            .ShouldContain(Registers.MatchDestinationPort(Vm2.Key));
    }
}
