using System.Buffers.Binary;

namespace Wyvern.Packets;

/// <summary>RFC 768 UDP header: src_port(2) dst_port(2) length(2) checksum(2).</summary>
public readonly record struct UdpHeader(ushort SourcePort, ushort DestinationPort, ushort Length)
{
    /// <summary>Header size.</summary>
    public const int Size = 8;

    /// <summary>Parses the header at the start of <paramref name="segment"/>.</summary>
    public static UdpHeader Parse(ReadOnlySpan<byte> segment)
    {
        MalformedPacketException.ThrowIfShort(segment, Size, "UDP header");
        var length = BinaryPrimitives.ReadUInt16BigEndian(segment[4..]);
        if (length < Size || length > segment.Length)
        {
            throw new MalformedPacketException($"UDP header: length {length} with {segment.Length} bytes present");
        }
        return new(BinaryPrimitives.ReadUInt16BigEndian(segment), BinaryPrimitives.ReadUInt16BigEndian(segment[2..]), length);
    }
}
