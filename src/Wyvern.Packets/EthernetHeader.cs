using System.Buffers.Binary;

namespace Wyvern.Packets;

/// <summary>
/// IEEE 802.3 Ethernet II header with an optional 802.1Q tag:
/// dst(6) src(6) [0x8100(2) tci(2)] ethertype(2).
/// </summary>
public readonly record struct EthernetHeader(MacAddress Destination, MacAddress Source, EtherType EtherType, ushort? VlanId = null)
{
    /// <summary>Untagged header length.</summary>
    public const int Length = 14;

    /// <summary>Bytes this header occupies (18 with a VLAN tag).</summary>
    public int Size => VlanId is null ? Length : Length + 4;

    /// <summary>Parses the header at the start of a frame.</summary>
    public static EthernetHeader Parse(ReadOnlySpan<byte> frame)
    {
        MalformedPacketException.ThrowIfShort(frame, Length, "Ethernet header");
        var dst = MacAddress.Read(frame);
        var src = MacAddress.Read(frame[6..]);
        var type = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
        if (type == (ushort)EtherType.Vlan)
        {
            MalformedPacketException.ThrowIfShort(frame, Length + 4, "802.1Q header");
            var vid = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(frame[14..]) & 0x0fff);
            return new(dst, src, (EtherType)BinaryPrimitives.ReadUInt16BigEndian(frame[16..]), vid);
        }
        return new(dst, src, (EtherType)type);
    }

    /// <summary>Writes the header; returns the bytes written.</summary>
    public int Write(Span<byte> destination)
    {
        Destination.Write(destination);
        Source.Write(destination[6..]);
        if (VlanId is { } vid)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[12..], (ushort)EtherType.Vlan);
            BinaryPrimitives.WriteUInt16BigEndian(destination[14..], vid);
            BinaryPrimitives.WriteUInt16BigEndian(destination[16..], (ushort)EtherType);
            return Length + 4;
        }
        BinaryPrimitives.WriteUInt16BigEndian(destination[12..], (ushort)EtherType);
        return Length;
    }
}
