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
    /// <summary>The IPv6 header, when the frame carries IPv6.</summary>
    public Ipv6Header? Ipv6 { get; init; }

    /// <summary>ICMPv6 type and code, when the frame carries ICMPv6.</summary>
    public (byte Type, byte Code)? Icmpv6 { get; init; }

    /// <summary>The target of a neighbour solicitation or advertisement (RFC 4861 §4.3, §4.4).</summary>
    public System.Net.IPAddress? NdTarget { get; init; }

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
            case EtherType.Ipv6:
                var ip6 = Ipv6Header.Parse(frame[l3..]);
                var body = frame.Slice(l3 + Ipv6Header.Size, ip6.PayloadLength);
                if (ip6.NextHeader != IpProtocol.Icmpv6)
                {
                    return new(eth, l3, null, null, l3 + Ipv6Header.Size, null, null) { Ipv6 = ip6 };
                }
                MalformedPacketException.ThrowIfShort(body, 4, "ICMPv6 header");
                System.Net.IPAddress? target = null;
                if (body[0] is IcmpV6.NeighborSolicitation or IcmpV6.NeighborAdvertisement)
                {
                    MalformedPacketException.ThrowIfShort(body, 24, "neighbour discovery message");
                    target = new System.Net.IPAddress(body.Slice(8, 16));
                }
                return new(eth, l3, null, null, l3 + Ipv6Header.Size, null, null) { Ipv6 = ip6, Icmpv6 = (body[0], body[1]), NdTarget = target };
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
