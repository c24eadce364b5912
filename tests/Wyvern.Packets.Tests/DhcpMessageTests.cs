using System.Net;
using Wyvern.Packets.Dhcp;
using Wyvern.Testing;

namespace Wyvern.Packets.Tests;

[Trait("Layer", Layer.Unit)]
public sealed class DhcpMessageTests
{
    [Theory]
    [InlineData("udhcpc-discover.hex", 0x9ce7b66cu)]
    [InlineData("dhclient-discover.hex", 0x9df51e18u)]
    public void Parse_RealClientDiscover_ReadsTypeMacAndXid(string vector, uint xid)
    {
        var frame = HexVectors.Load(vector);
        var view = FrameView.Parse(frame);

        view.Udp.ShouldNotBeNull().DestinationPort.ShouldBe((ushort)67);
        var dhcp = DhcpMessage.Parse(view.UdpPayload(frame));

        dhcp.Op.ShouldBe(DhcpMessage.BootRequest);
        dhcp.MessageType.ShouldBe(DhcpMessageType.Discover);
        dhcp.TransactionId.ShouldBe(xid);
        dhcp.ClientMac.ShouldBe(MacAddress.Parse("fa:16:3e:12:34:56"));
        dhcp.Find(DhcpOptionCode.ParameterRequestList).ShouldNotBeNull().Value.ShouldContain((byte)DhcpOptionCode.Router);
    }

    [Fact]
    public void Parse_EveryTruncation_GivesTypedErrorOrMessage()
    {
        var frame = HexVectors.Load("udhcpc-discover.hex");
        for (var n = 0; n < frame.Length; n++)
        {
            try
            {
                var view = FrameView.Parse(frame.AsSpan(0, n));
                if (view.Udp is not null)
                {
                    DhcpMessage.Parse(view.UdpPayload(frame.AsSpan(0, n)));
                }
            }
            catch (MalformedPacketException)
            {
                // the typed error is the expected outcome for a cut frame
            }
        }
    }

    [Fact]
    public void Parse_OptionRunningPastEnd_IsMalformed()
    {
        var offer = Offer();
        var bytes = new byte[offer.Size];
        offer.Write(bytes);
        var optionStart = 240;
        bytes[optionStart + 1] = 250; // the first option claims 250 bytes
        Should.Throw<MalformedPacketException>(() => DhcpMessage.Parse(bytes.AsSpan(0, optionStart + 10)));
    }

    [Fact]
    public void WriteThenParse_RoundTrips()
    {
        var offer = Offer();
        var bytes = new byte[offer.Size];
        offer.Write(bytes).ShouldBe(DhcpMessage.MinimumLength);

        var back = DhcpMessage.Parse(bytes);

        back.ShouldBe(offer with { Options = back.Options });
        back.Options.ShouldBe(offer.Options);
    }

    [Fact]
    public async Task Offer_InUdpFrame_DecodedByTcpdump_WithValidChecksums()
    {
        var offer = Offer();
        var payload = new byte[offer.Size];
        offer.Write(payload);
        var frame = FrameBuilder.Udp(MacAddress.Parse("fa:16:3e:00:00:01"), MacAddress.Parse("fa:16:3e:12:34:56"),
            IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.5"), 67, 68, payload);

        var text = await Tcpdump.DecodeAsync(frame);

        text.ShouldContain("10.0.0.1.67 > 10.0.0.5.68");
        text.ShouldContain("DHCP-Message (53), length 1: Offer");
        text.ShouldContain("Your-IP 10.0.0.5");
        text.ShouldContain("Subnet-Mask (1), length 4: 255.255.255.0");
        text.ShouldContain("Default-Gateway (3), length 4: 10.0.0.1");
        text.ShouldContain("MTU (26), length 2: 1450");
        text.ShouldContain("Classless-Static-Route (121), length 14: (169.254.169.254/32:10.0.0.2),(default:10.0.0.1)");
        text.ShouldContain("[udp sum ok]");
        text.ShouldNotContain("bad");
    }

    private static DhcpMessage Offer() => new(
        DhcpMessage.BootReply, 0x9ce7b66c, 0, IPAddress.Any, IPAddress.Parse("10.0.0.5"), IPAddress.Parse("10.0.0.1"), IPAddress.Any,
        MacAddress.Parse("fa:16:3e:12:34:56"),
        [
            new DhcpOption((byte)DhcpOptionCode.MessageType, [(byte)DhcpMessageType.Offer]),
            DhcpOption.Addresses(DhcpOptionCode.ServerIdentifier, [IPAddress.Parse("10.0.0.1")]),
            DhcpOption.UInt32(DhcpOptionCode.IpAddressLeaseTime, 86400),
            DhcpOption.Addresses(DhcpOptionCode.SubnetMask, [IPAddress.Parse("255.255.255.0")]),
            DhcpOption.Addresses(DhcpOptionCode.Router, [IPAddress.Parse("10.0.0.1")]),
            DhcpOption.UInt16(DhcpOptionCode.InterfaceMtu, 1450),
            DhcpOption.ClasslessRoutes([
                (IPAddress.Parse("169.254.169.254"), 32, IPAddress.Parse("10.0.0.2")),
                (IPAddress.Any, 0, IPAddress.Parse("10.0.0.1")),
            ]),
        ]);
}
