using System.Net;
using Wyvern.Controller.Dhcp;
using Wyvern.Model;
using Wyvern.Packets;
using Wyvern.Packets.Dhcp;
using Wyvern.Testing;
using ModelMac = Wyvern.Model.MacAddress;
using PacketMac = Wyvern.Packets.MacAddress;

namespace Wyvern.Controller.Tests.Dhcp;

[Trait("Layer", Layer.Unit)]
public sealed class DhcpResponderTests
{
    private static readonly PacketMac ClientMac = PacketMac.Parse("fa:16:3e:12:34:56");
    private static readonly PacketMac ServerMac = PacketMac.Parse("fa:16:3e:ff:00:01");
    private static readonly IPAddress PortIp = IPAddress.Parse("10.0.0.5");
    private static readonly IPAddress ServerIp = IPAddress.Parse("10.0.0.1");

    private readonly DhcpResponder _responder = new(new DhcpSettings { LeaseTime = TimeSpan.FromHours(2), DomainName = "example.test" });

    [Fact]
    public void RealUdhcpcDiscover_GetsOfferWithPortAddressAndSubnetOptions()
    {
        var discover = HexVectors.Load("udhcpc-discover.hex");

        var reply = Parse(_responder.Respond(discover, Lease()).ShouldNotBeNull(), out var view);

        reply.MessageType.ShouldBe(DhcpMessageType.Offer);
        reply.TransactionId.ShouldBe(0x9ce7b66cu);
        reply.YourIp.ShouldBe(PortIp);
        reply.ServerIdentifier.ShouldBe(ServerIp);
        view.Ethernet.Source.ShouldBe(ServerMac);
        view.Ethernet.Destination.ShouldBe(ClientMac);
        view.Ipv4!.Value.Destination.ShouldBe(PortIp);
        view.Udp!.Value.DestinationPort.ShouldBe((ushort)68);
        Option(reply, DhcpOptionCode.SubnetMask).ShouldBe(new byte[] { 255, 255, 255, 0 });
        Option(reply, DhcpOptionCode.Router).ShouldBe(ServerIp.GetAddressBytes());
        Option(reply, DhcpOptionCode.DomainNameServer).ShouldBe(new byte[] { 10, 0, 0, 53 });
        Option(reply, DhcpOptionCode.InterfaceMtu).ShouldBe(new byte[] { 0x05, 0xaa }); // 1450
        Option(reply, DhcpOptionCode.IpAddressLeaseTime).ShouldBe(new byte[] { 0, 0, 0x1c, 0x20 }); // 7200
        Option(reply, DhcpOptionCode.DomainName).ShouldBe("example.test"u8.ToArray());
        Option(reply, DhcpOptionCode.BroadcastAddress).ShouldBe(new byte[] { 10, 0, 0, 255 });
    }

    [Fact]
    public void Request_ForPortAddress_IsAcked()
    {
        var reply = Parse(_responder.Respond(Request(PortIp, ServerIp), Lease()).ShouldNotBeNull(), out _);

        reply.MessageType.ShouldBe(DhcpMessageType.Ack);
        reply.YourIp.ShouldBe(PortIp);
    }

    [Fact]
    public void Request_ForAnotherAddress_IsNakedByBroadcast()
    {
        var reply = Parse(_responder.Respond(Request(IPAddress.Parse("10.0.0.99"), ServerIp), Lease()).ShouldNotBeNull(), out var view);

        reply.MessageType.ShouldBe(DhcpMessageType.Nak);
        reply.YourIp.ShouldBe(IPAddress.Any);
        view.Ethernet.Destination.ShouldBe(PacketMac.Broadcast);
        view.Ipv4!.Value.Destination.ShouldBe(IPAddress.Broadcast);
        reply.Find(DhcpOptionCode.IpAddressLeaseTime).ShouldBeNull();
    }

    [Fact]
    public void Request_NamingAnotherServer_IsLeftAlone() =>
        _responder.Respond(Request(PortIp, IPAddress.Parse("10.0.0.2")), Lease()).ShouldBeNull();

    [Fact]
    public void Renewal_WithClientAddress_IsAcked()
    {
        var renew = Frame(DhcpMessageType.Request, ciaddr: PortIp);

        Parse(_responder.Respond(renew, Lease()).ShouldNotBeNull(), out _).MessageType.ShouldBe(DhcpMessageType.Ack);
    }

    [Fact]
    public void Release_GetsNoAnswer() =>
        _responder.Respond(Frame(DhcpMessageType.Release, ciaddr: PortIp), Lease()).ShouldBeNull();

    [Fact]
    public void SubnetWithDhcpDisabled_GetsNothing() =>
        _responder.Respond(HexVectors.Load("udhcpc-discover.hex"), Lease(subnet: s => s with { EnableDhcp = false })).ShouldBeNull();

    [Fact]
    public void RequestFromAnotherMac_GetsNothing() =>
        _responder.Respond(Frame(DhcpMessageType.Discover, chaddr: PacketMac.Parse("fa:16:3e:00:00:99")), Lease()).ShouldBeNull();

    [Fact]
    public void HostRoutes_GoInOption121_WithTheDefaultRouteRepeated()
    {
        var lease = Lease(subnet: s => s with
        {
            HostRoutes = [new HostRoute(IPNetwork.Parse("169.254.169.254/32"), IPAddress.Parse("10.0.0.2"))],
        });

        var reply = Parse(_responder.Respond(HexVectors.Load("udhcpc-discover.hex"), lease).ShouldNotBeNull(), out _);

        Option(reply, DhcpOptionCode.ClasslessStaticRoute).ShouldBe(new byte[] { 32, 169, 254, 169, 254, 10, 0, 0, 2, 0, 10, 0, 0, 1 });
    }

    [Fact]
    public void ExtraDhcpOptions_ReplaceComputedOnes()
    {
        var lease = Lease(port: p => p with
        {
            ExtraDhcpOptions = [new ExtraDhcpOption("mtu", "1400"), new ExtraDhcpOption("ntp-server", "10.0.0.7"), new ExtraDhcpOption("no-such-name", "x")],
        });

        var reply = Parse(_responder.Respond(HexVectors.Load("udhcpc-discover.hex"), lease).ShouldNotBeNull(), out _);

        Option(reply, DhcpOptionCode.InterfaceMtu).ShouldBe(new byte[] { 0x05, 0x78 });
        Option(reply, (DhcpOptionCode)42).ShouldBe(new byte[] { 10, 0, 0, 7 });
        reply.Options.Count(o => o.Code == (byte)DhcpOptionCode.InterfaceMtu).ShouldBe(1);
    }

    [Fact]
    public void TruncatedRequest_IsMalformed()
    {
        var discover = HexVectors.Load("udhcpc-discover.hex");
        Should.Throw<MalformedPacketException>(() => _responder.Respond(discover.AsSpan(0, 100), Lease()));
    }

    private static DhcpLeaseContext Lease(Func<Subnet, Subnet>? subnet = null, Func<LogicalPort, LogicalPort>? port = null)
    {
        var network = new LogicalSwitch { Id = "net-1", Key = 1, Mtu = 1450 };
        var s = new Subnet
        {
            Id = "subnet-1",
            NetworkId = network.Id,
            Cidr = IPNetwork.Parse("10.0.0.0/24"),
            GatewayIp = ServerIp,
            DnsNameservers = [IPAddress.Parse("10.0.0.53")],
        };
        var p = new LogicalPort
        {
            Id = "port-1",
            NetworkId = network.Id,
            MacAddress = new ModelMac(ClientMac.Value),
            FixedIps = [new FixedIp(s.Id, PortIp)],
        };
        s = subnet?.Invoke(s) ?? s;
        p = port?.Invoke(p) ?? p;
        return new DhcpLeaseContext(p, PortIp, s, network, ServerIp, ServerMac);
    }

    private static byte[] Request(IPAddress requested, IPAddress server) =>
        Frame(DhcpMessageType.Request, options:
        [
            DhcpOption.Addresses(DhcpOptionCode.RequestedIpAddress, [requested]),
            DhcpOption.Addresses(DhcpOptionCode.ServerIdentifier, [server]),
        ]);

    private static byte[] Frame(DhcpMessageType type, IPAddress? ciaddr = null, PacketMac? chaddr = null, DhcpOption[]? options = null)
    {
        var mac = chaddr ?? ClientMac;
        var message = new DhcpMessage(DhcpMessage.BootRequest, 0x01020304, 0, ciaddr ?? IPAddress.Any, IPAddress.Any, IPAddress.Any, IPAddress.Any, mac,
            [new DhcpOption((byte)DhcpOptionCode.MessageType, [(byte)type]), .. options ?? []]);
        var payload = new byte[message.Size];
        message.Write(payload);
        return FrameBuilder.Udp(mac, PacketMac.Broadcast, ciaddr ?? IPAddress.Any, IPAddress.Broadcast, 68, 67, payload);
    }

    private static DhcpMessage Parse(byte[] frame, out FrameView view)
    {
        view = FrameView.Parse(frame);
        return DhcpMessage.Parse(view.UdpPayload(frame));
    }

    private static byte[] Option(DhcpMessage m, DhcpOptionCode code) => m.Find(code).ShouldNotBeNull($"option {code}").Value;
}
