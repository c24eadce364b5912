using System.Buffers.Binary;
using System.Net;

namespace Wyvern.Packets;

/// <summary>
/// RFC 826 ARP for Ethernet/IPv4: htype(2)=1 ptype(2)=0x0800 hlen(1)=6 plen(1)=4
/// op(2) sha(6) spa(4) tha(6) tpa(4).
/// </summary>
public sealed record ArpPacket(ushort Operation, MacAddress SenderMac, IPAddress SenderIp, MacAddress TargetMac, IPAddress TargetIp)
{
    /// <summary>ARP request.</summary>
    public const ushort Request = 1;

    /// <summary>ARP reply.</summary>
    public const ushort Reply = 2;

    /// <summary>Size of an Ethernet/IPv4 ARP packet.</summary>
    public const int Size = 28;

    /// <summary>Parses an ARP packet (the Ethernet payload).</summary>
    public static ArpPacket Parse(ReadOnlySpan<byte> p)
    {
        MalformedPacketException.ThrowIfShort(p, Size, "ARP packet");
        if (BinaryPrimitives.ReadUInt16BigEndian(p) != 1 || BinaryPrimitives.ReadUInt16BigEndian(p[2..]) != (ushort)EtherType.Ipv4 || p[4] != 6 || p[5] != 4)
        {
            throw new MalformedPacketException("ARP packet: not Ethernet/IPv4");
        }
        return new(BinaryPrimitives.ReadUInt16BigEndian(p[6..]), MacAddress.Read(p[8..]), new IPAddress(p.Slice(14, 4)),
            MacAddress.Read(p[18..]), new IPAddress(p.Slice(24, 4)));
    }

    /// <summary>Writes the packet; returns 28.</summary>
    public int Write(Span<byte> d)
    {
        BinaryPrimitives.WriteUInt16BigEndian(d, 1);
        BinaryPrimitives.WriteUInt16BigEndian(d[2..], (ushort)EtherType.Ipv4);
        d[4] = 6;
        d[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(d[6..], Operation);
        SenderMac.Write(d[8..]);
        SenderIp.TryWriteBytes(d[14..], out _);
        TargetMac.Write(d[18..]);
        TargetIp.TryWriteBytes(d[24..], out _);
        return Size;
    }
}
