using System.Buffers.Binary;

namespace Wyvern.Packets;

/// <summary>
/// A parsed frame: the Ethernet header and, where present, the ARP packet or
/// the IPv4 header with its UDP header, and the offsets of each layer.
/// </summary>
public sealed record FrameView(
    EthernetHeader Ethernet,
    int NetworkOffset,
    ArpPacket? Arp,
    Ipv4Header? Ipv4,
    int TransportOffset,
    UdpHeader? Udp,
    (byte Type, byte Code)? Icmp)
{
    /// <summary>Parses as far as Wyvern needs; throws <see cref="MalformedPacketException"/> on truncation.</summary>
    public static FrameView Parse(ReadOnlySpan<byte> frame)
    {
        var eth = EthernetHeader.Parse(frame);
        var l3 = eth.Size;
        switch (eth.EtherType)
        {
            case EtherType.Arp:
                return new(eth, l3, ArpPacket.Parse(frame[l3..]), null, -1, null, null);
            case EtherType.Ipv4:
                var ip = Ipv4Header.Parse(frame[l3..]);
                var l4 = l3 + ip.HeaderLength;
                var end = Math.Min(frame.Length, l3 + ip.TotalLength);
                var transport = frame[l4..end];
                UdpHeader? udp = ip.Protocol == IpProtocol.Udp ? UdpHeader.Parse(transport) : null;
                (byte, byte)? icmp = null;
                if (ip.Protocol == IpProtocol.Icmp)
                {
                    MalformedPacketException.ThrowIfShort(transport, 4, "ICMP header");
                    icmp = (transport[0], transport[1]);
                }
                return new(eth, l3, null, ip, l4, udp, icmp);
            default:
                return new(eth, l3, null, null, -1, null, null);
        }
    }

    /// <summary>The UDP payload of <paramref name="frame"/> (which this view was parsed from).</summary>
    public ReadOnlySpan<byte> UdpPayload(ReadOnlySpan<byte> frame) =>
        Udp is { } u ? frame.Slice(TransportOffset + UdpHeader.Size, u.Length - UdpHeader.Size) : default;

    /// <summary>Reads the TCP or UDP ports, when the frame has them.</summary>
    public (ushort Source, ushort Destination)? Ports(ReadOnlySpan<byte> frame) =>
        Ipv4 is { Protocol: IpProtocol.Tcp or IpProtocol.Udp } && frame.Length >= TransportOffset + 4
            ? (BinaryPrimitives.ReadUInt16BigEndian(frame[TransportOffset..]), BinaryPrimitives.ReadUInt16BigEndian(frame[(TransportOffset + 2)..]))
            : null;
}
