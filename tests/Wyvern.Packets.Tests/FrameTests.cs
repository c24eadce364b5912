using System.Net;
using Wyvern.Testing;

namespace Wyvern.Packets.Tests;

[Trait("Layer", Layer.Unit)]
public sealed class FrameTests
{
    private static readonly MacAddress VmMac = MacAddress.Parse("fa:16:3e:00:00:05");
    private static readonly MacAddress RouterMac = MacAddress.Parse("fa:16:3e:00:00:01");

    [Fact]
    public void Ipv4Checksum_OfCapturedHeader_Verifies()
    {
        var frame = HexVectors.Load("udhcpc-discover.hex");
        // A header whose checksum field is right sums to zero.
        InternetChecksum.Compute(frame.AsSpan(14, 20)).ShouldBe((ushort)0);
    }

    [Theory]
    [InlineData("fa:16:3e:aa:bb:cc", false)]
    [InlineData("ff:ff:ff:ff:ff:ff", true)]
    [InlineData("01:00:5e:00:00:01", true)]
    public void MacAddress_ParseFormat_AndGroupBit(string text, bool multicast)
    {
        var mac = MacAddress.Parse(text);
        mac.ToString().ShouldBe(text);
        mac.IsMulticast.ShouldBe(multicast);
    }

    [Theory]
    [InlineData("fa:16:3e:aa:bb")]
    [InlineData("fa:16:3e:aa:bb:zz")]
    [InlineData("fa.16.3e.aa.bb.cc")]
    public void MacAddress_Invalid_IsRejected(string text) => MacAddress.TryParse(text, out _).ShouldBeFalse();

    [Fact]
    public void Arp_BuildThenParse_RoundTrips()
    {
        var arp = new ArpPacket(ArpPacket.Request, VmMac, IPAddress.Parse("10.0.0.5"), MacAddress.Zero, IPAddress.Parse("10.0.0.1"));
        var frame = FrameBuilder.Arp(VmMac, MacAddress.Broadcast, arp, vlan: 100);

        var view = FrameView.Parse(frame);

        view.Ethernet.VlanId.ShouldBe((ushort)100);
        view.Arp.ShouldBe(arp);
    }

    [Fact]
    public async Task IcmpTimeExceeded_QuotesOriginal_DecodedByTcpdump()
    {
        var original = FrameBuilder.Udp(VmMac, RouterMac, IPAddress.Parse("10.0.0.5"), IPAddress.Parse("192.0.2.7"), 33434, 33435, new byte[32], ttl: 1);

        var error = FrameBuilder.IcmpError(original, IcmpV4.TimeExceeded, IcmpV4.TtlExceededInTransit, RouterMac, IPAddress.Parse("10.0.0.1"));

        var view = FrameView.Parse(error);
        view.Ethernet.Destination.ShouldBe(VmMac);
        view.Ipv4!.Value.Destination.ShouldBe(IPAddress.Parse("10.0.0.5"));
        view.Icmp.ShouldBe((IcmpV4.TimeExceeded, IcmpV4.TtlExceededInTransit));
        var text = await Tcpdump.DecodeAsync(error);
        text.ShouldContain("10.0.0.1 > 10.0.0.5: ICMP time exceeded in-transit");
        text.ShouldContain("10.0.0.5.33434 > 192.0.2.7.33435");
        text.ShouldNotContain("bad cksum");
    }

    [Fact]
    public async Task EchoAndTcpSyn_DecodedByTcpdump_WithValidChecksums()
    {
        var echo = FrameBuilder.IcmpEcho(VmMac, RouterMac, IPAddress.Parse("10.0.0.5"), IPAddress.Parse("10.0.1.5"), IcmpV4.EchoRequest, 7, 1);
        var syn = FrameBuilder.TcpSyn(VmMac, RouterMac, IPAddress.Parse("10.0.0.5"), IPAddress.Parse("10.0.1.5"), 40000, 80);

        var text = await Tcpdump.DecodeAsync(echo, syn);

        text.ShouldContain("ICMP echo request, id 7, seq 1");
        text.ShouldContain("10.0.0.5.40000 > 10.0.1.5.80: Flags [S], cksum");
        text.ShouldContain("(correct)");
        text.ShouldNotContain("incorrect");
        text.ShouldNotContain("bad");
    }

    [Fact]
    public void Parse_WrongIpVersion_IsMalformed()
    {
        var frame = FrameBuilder.IcmpEcho(VmMac, RouterMac, IPAddress.Parse("10.0.0.5"), IPAddress.Parse("10.0.1.5"), IcmpV4.EchoRequest, 7, 1);
        frame[14] = 0x65;
        Should.Throw<MalformedPacketException>(() => FrameView.Parse(frame));
    }

    [Fact]
    public async Task NeighborSolicitationAndAdvertisement_DecodedByTcpdump_WithValidChecksums()
    {
        var vmLla = IPAddress.Parse("fe80::f816:3eff:fe00:5");
        var router = IPAddress.Parse("2001:db8::1");
        var ns = FrameBuilder.NeighborSolicitation(VmMac, vmLla, router);
        var na = FrameBuilder.NeighborAdvertisement(RouterMac, router, VmMac, vmLla, router: true);

        var nsView = FrameView.Parse(ns);
        nsView.Icmpv6.ShouldBe((IcmpV6.NeighborSolicitation, (byte)0));
        nsView.NdTarget.ShouldBe(router);
        nsView.Ethernet.Destination.ShouldBe(PacketMac("33:33:ff:00:00:01"));
        var text = await Tcpdump.DecodeAsync(ns, na);
        text.ShouldContain("fe80::f816:3eff:fe00:5 > ff02::1:ff00:1: [icmp6 sum ok] ICMP6, neighbor solicitation");
        text.ShouldContain("who has 2001:db8::1");
        text.ShouldContain("2001:db8::1 > fe80::f816:3eff:fe00:5: [icmp6 sum ok] ICMP6, neighbor advertisement");
        text.ShouldContain("Flags [router, solicited, override]");
        text.ShouldContain("destination link-address option (2), length 8 (1): fa:16:3e:00:00:01");
    }

    [Fact]
    public async Task NeighborSolicitation_FromTheUnspecifiedAddress_CarriesNoLinkLayerOption()
    {
        var tentative = IPAddress.Parse("fe80::f816:3eff:fe00:5");

        var dad = FrameBuilder.NeighborSolicitation(VmMac, IPAddress.IPv6Any, tentative);

        var view = FrameView.Parse(dad);
        view.NdTarget.ShouldBe(tentative);
        view.Ethernet.Destination.ShouldBe(PacketMac("33:33:ff:00:00:05"));
        dad.Length.ShouldBe(14 + 40 + 24, "ICMPv6 header, reserved, target: no option");
        var text = await Tcpdump.DecodeAsync(dad);
        text.ShouldContain(":: > ff02::1:ff00:5: [icmp6 sum ok] ICMP6, neighbor solicitation");
        text.ShouldNotContain("source link-address option");
    }

    private static MacAddress PacketMac(string text) => MacAddress.Parse(text);
}
