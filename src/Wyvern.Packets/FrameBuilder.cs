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
    public static byte[] TcpSyn(MacAddress src, MacAddress dst, IPAddress srcIp, IPAddress dstIp, ushort srcPort, ushort dstPort, byte ttl = 64)
    {
        const int tcpLength = 20;
        var (frame, l4, ip) = Ipv4Frame(src, dst, srcIp, dstIp, IpProtocol.Tcp, tcpLength, ttl, null);
        var t = frame.AsSpan(l4, tcpLength);
        BinaryPrimitives.WriteUInt16BigEndian(t, srcPort);
        BinaryPrimitives.WriteUInt16BigEndian(t[2..], dstPort);
        BinaryPrimitives.WriteUInt32BigEndian(t[4..], 1);
        t[12] = 5 << 4;
        t[13] = 0x02; // SYN
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
