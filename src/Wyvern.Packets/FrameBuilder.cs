using System.Buffers.Binary;
using System.Net;

namespace Wyvern.Packets;

/// <summary>
/// Builds complete Ethernet frames with correct lengths and checksums: the
/// controller's packet-outs (DHCP replies, ICMP errors, ARP) and the test
/// packets traced through the simulator.
/// </summary>
public static class FrameBuilder
{
    /// <summary>Ethernet + IPv4 + UDP around <paramref name="payload"/>, with the UDP checksum filled in.</summary>
    public static byte[] Udp(MacAddress src, MacAddress dst, IPAddress srcIp, IPAddress dstIp, ushort srcPort, ushort dstPort,
        ReadOnlySpan<byte> payload, byte ttl = 64, ushort? vlan = null)
    {
        var udpLength = UdpHeader.Size + payload.Length;
        var (frame, l4, ip) = Ipv4Frame(src, dst, srcIp, dstIp, IpProtocol.Udp, udpLength, ttl, vlan);
        var u = frame.AsSpan(l4);
        BinaryPrimitives.WriteUInt16BigEndian(u, srcPort);
        BinaryPrimitives.WriteUInt16BigEndian(u[2..], dstPort);
        BinaryPrimitives.WriteUInt16BigEndian(u[4..], (ushort)udpLength);
        payload.CopyTo(u[UdpHeader.Size..]);
        var sum = new InternetChecksum();
        ip.AddPseudoHeader(ref sum, udpLength);
        sum.Add(u[..udpLength]);
        var c = sum.Result;
        BinaryPrimitives.WriteUInt16BigEndian(u[6..], c == 0 ? (ushort)0xffff : c); // RFC 768: 0 means "no checksum"
        return frame;
    }

    /// <summary>Ethernet + IPv4 + TCP SYN (enough to trace a connection's first packet).</summary>
    public static byte[] TcpSyn(MacAddress src, MacAddress dst, IPAddress srcIp, IPAddress dstIp, ushort srcPort, ushort dstPort, byte ttl = 64) =>
        Tcp(src, dst, srcIp, dstIp, srcPort, dstPort, TcpSynFlag, ttl);

    /// <summary>The SYN flag (RFC 9293 §3.1).</summary>
    public const byte TcpSynFlag = 0x02;

    /// <summary>The ACK flag (RFC 9293 §3.1).</summary>
    public const byte TcpAckFlag = 0x10;

    /// <summary>Ethernet + IPv4 + a TCP segment without payload carrying <paramref name="flags"/>.</summary>
    public static byte[] Tcp(MacAddress src, MacAddress dst, IPAddress srcIp, IPAddress dstIp, ushort srcPort, ushort dstPort, byte flags, byte ttl = 64)
    {
        const int tcpLength = 20;
        var (frame, l4, ip) = Ipv4Frame(src, dst, srcIp, dstIp, IpProtocol.Tcp, tcpLength, ttl, null);
        var t = frame.AsSpan(l4, tcpLength);
        BinaryPrimitives.WriteUInt16BigEndian(t, srcPort);
        BinaryPrimitives.WriteUInt16BigEndian(t[2..], dstPort);
        BinaryPrimitives.WriteUInt32BigEndian(t[4..], 1);
        t[12] = 5 << 4;
        t[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(t[14..], 65535);
        var sum = new InternetChecksum();
        ip.AddPseudoHeader(ref sum, tcpLength);
        sum.Add(t);
        BinaryPrimitives.WriteUInt16BigEndian(t[16..], sum.Result);
        return frame;
    }

    /// <summary>An ICMP echo request or reply.</summary>
    public static byte[] IcmpEcho(MacAddress src, MacAddress dst, IPAddress srcIp, IPAddress dstIp, byte type, ushort id, ushort sequence, byte ttl = 64)
    {
        const int length = 8 + 16;
        var (frame, l4, _) = Ipv4Frame(src, dst, srcIp, dstIp, IpProtocol.Icmp, length, ttl, null);
        var m = frame.AsSpan(l4, length);
        m[0] = type;
        BinaryPrimitives.WriteUInt16BigEndian(m[4..], id);
        BinaryPrimitives.WriteUInt16BigEndian(m[6..], sequence);
        for (var i = 8; i < length; i++)
        {
            m[i] = (byte)i;
        }
        BinaryPrimitives.WriteUInt16BigEndian(m[2..], InternetChecksum.Compute(m));
        return frame;
    }

    /// <summary>
    /// An ICMP error about <paramref name="original"/> (an Ethernet frame
    /// carrying IPv4): RFC 792 says the error carries the original IP header
    /// and the first 8 bytes of its data. Sent from <paramref name="routerIp"/>
    /// to the original source.
    /// </summary>
    public static byte[] IcmpError(ReadOnlySpan<byte> original, byte type, byte code, MacAddress routerMac, IPAddress routerIp, ushort nextHopMtu = 0)
    {
        var view = FrameView.Parse(original);
        var ip = view.Ipv4 ?? throw new MalformedPacketException("ICMP error: the original frame is not IPv4");
        var quoted = original.Slice(view.NetworkOffset, Math.Min(ip.HeaderLength + 8, original.Length - view.NetworkOffset));
        var length = 8 + quoted.Length;
        var (frame, l4, _) = Ipv4Frame(routerMac, view.Ethernet.Source, routerIp, ip.Source, IpProtocol.Icmp, length, 64, view.Ethernet.VlanId);
        var m = frame.AsSpan(l4, length);
        m[0] = type;
        m[1] = code;
        BinaryPrimitives.WriteUInt16BigEndian(m[6..], nextHopMtu);
        quoted.CopyTo(m[8..]);
        BinaryPrimitives.WriteUInt16BigEndian(m[2..], InternetChecksum.Compute(m));
        return frame;
    }

    /// <summary>An ARP request or reply in an Ethernet frame.</summary>
    public static byte[] Arp(MacAddress src, MacAddress dst, ArpPacket arp, ushort? vlan = null)
    {
        var eth = new EthernetHeader(dst, src, EtherType.Arp, vlan);
        var frame = new byte[Math.Max(60, eth.Size + ArpPacket.Size)];
        var n = eth.Write(frame);
        arp.Write(frame.AsSpan(n));
        return frame;
    }

    /// <summary>An ICMPv6 message (<paramref name="body"/> after the 4-byte type/code/checksum) with its checksum.</summary>
    public static byte[] Icmpv6(MacAddress src, MacAddress dst, IPAddress srcIp, IPAddress dstIp, byte type, byte code, ReadOnlySpan<byte> body, byte hopLimit = 255)
    {
        var length = 4 + body.Length;
        var eth = new EthernetHeader(dst, src, EtherType.Ipv6);
        var ip = new Ipv6Header(srcIp, dstIp, IpProtocol.Icmpv6, hopLimit, (ushort)length);
        var frame = new byte[eth.Size + Ipv6Header.Size + length];
        var n = eth.Write(frame);
        n += ip.Write(frame.AsSpan(n));
        var m = frame.AsSpan(n, length);
        m[0] = type;
        m[1] = code;
        body.CopyTo(m[4..]);
        var sum = new InternetChecksum();
        ip.AddPseudoHeader(ref sum, length);
        sum.Add(m);
        BinaryPrimitives.WriteUInt16BigEndian(m[2..], sum.Result);
        return frame;
    }

    /// <summary>
    /// A neighbour solicitation for <paramref name="target"/> to its solicited-node group, with a
    /// source link-layer address option unless <paramref name="srcIp"/> is the unspecified
    /// address (duplicate address detection, which must not carry one: RFC 4861 §4.3).
    /// </summary>
    public static byte[] NeighborSolicitation(MacAddress src, IPAddress srcIp, IPAddress target)
    {
        var t = target.GetAddressBytes();
        // Solicited-node multicast: ff02::1:ffXX:XXXX and its MAC 33:33:ff:XX:XX:XX (RFC 4291 §2.7.1, RFC 2464 §7).
        var group = IPAddress.Parse($"ff02::1:ff{t[13]:x2}:{t[14]:x2}{t[15]:x2}");
        var groupMac = new MacAddress(0x3333_ff00_0000UL | ((ulong)t[13] << 16) | ((ulong)t[14] << 8) | t[15]);
        var withOption = !srcIp.Equals(IPAddress.IPv6Any);
        var body = new byte[4 + 16 + (withOption ? 8 : 0)];
        t.CopyTo(body.AsSpan(4));
        if (withOption)
        {
            body[20] = IcmpV6.SourceLinkLayerAddress;
            body[21] = 1;
            src.Write(body.AsSpan(22));
        }
        return Icmpv6(src, groupMac, srcIp, group, IcmpV6.NeighborSolicitation, 0, body);
    }

    /// <summary>
    /// A solicited neighbour advertisement for <paramref name="target"/> with
    /// the router and override flags and a target link-layer address option
    /// (RFC 4861 §4.4), sent to the solicitor.
    /// </summary>
    public static byte[] NeighborAdvertisement(MacAddress targetMac, IPAddress target, MacAddress dstMac, IPAddress dstIp, bool router)
    {
        var body = new byte[4 + 16 + 8];
        body[0] = (byte)((router ? 0x80 : 0) | 0x40 | 0x20); // R, S, O
        target.GetAddressBytes().CopyTo(body.AsSpan(4));
        body[20] = IcmpV6.TargetLinkLayerAddress;
        body[21] = 1;
        targetMac.Write(body.AsSpan(22));
        return Icmpv6(targetMac, dstMac, target, dstIp, IcmpV6.NeighborAdvertisement, 0, body);
    }

    private static (byte[] Frame, int TransportOffset, Ipv4Header Ip) Ipv4Frame(
        MacAddress src, MacAddress dst, IPAddress srcIp, IPAddress dstIp, IpProtocol protocol, int transportLength, byte ttl, ushort? vlan)
    {
        var eth = new EthernetHeader(dst, src, EtherType.Ipv4, vlan);
        var ip = new Ipv4Header(srcIp, dstIp, protocol, ttl, (ushort)(Ipv4Header.MinLength + transportLength));
        var frame = new byte[eth.Size + ip.TotalLength];
        var n = eth.Write(frame);
        n += ip.Write(frame.AsSpan(n));
        return (frame, n, ip);
    }
}
