using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Wyvern.Packets;

/// <summary>
/// RFC 791 §3.1 IPv4 header: version/ihl(1) tos(1) total_length(2) id(2)
/// flags/fragment(2) ttl(1) protocol(1) checksum(2) src(4) dst(4) [options].
/// </summary>
public readonly record struct Ipv4Header(
    IPAddress Source,
    IPAddress Destination,
    IpProtocol Protocol,
    byte Ttl,
    ushort TotalLength,
    byte Tos = 0,
    ushort Identification = 0,
    int HeaderLength = 20)
{
    /// <summary>Header length without options.</summary>
    public const int MinLength = 20;

    /// <summary>Parses the header at the start of <paramref name="packet"/>.</summary>
    public static Ipv4Header Parse(ReadOnlySpan<byte> packet)
    {
        MalformedPacketException.ThrowIfShort(packet, MinLength, "IPv4 header");
        if (packet[0] >> 4 != 4)
        {
            throw new MalformedPacketException($"IPv4 header: version {packet[0] >> 4}");
        }
        var ihl = (packet[0] & 0x0f) * 4;
        var total = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (ihl < MinLength || total < ihl || packet.Length < ihl)
        {
            throw new MalformedPacketException($"IPv4 header: ihl {ihl}, total length {total}, {packet.Length} bytes present");
        }
        return new Ipv4Header(
            new IPAddress(packet.Slice(12, 4)),
            new IPAddress(packet.Slice(16, 4)),
            (IpProtocol)packet[9],
            packet[8],
            total,
            packet[1],
            BinaryPrimitives.ReadUInt16BigEndian(packet[4..]),
            ihl);
    }

    /// <summary>Writes a 20-byte header (no options) with its checksum; returns 20.</summary>
    public int Write(Span<byte> destination)
    {
        var h = destination[..MinLength];
        h[0] = 0x45;
        h[1] = Tos;
        BinaryPrimitives.WriteUInt16BigEndian(h[2..], TotalLength);
        BinaryPrimitives.WriteUInt16BigEndian(h[4..], Identification);
        BinaryPrimitives.WriteUInt16BigEndian(h[6..], 0x4000); // DF, no fragments
        h[8] = Ttl;
        h[9] = (byte)Protocol;
        h[10] = h[11] = 0;
        WriteAddress(Source, h[12..]);
        WriteAddress(Destination, h[16..]);
        BinaryPrimitives.WriteUInt16BigEndian(h[10..], InternetChecksum.Compute(h));
        return MinLength;
    }

    /// <summary>Adds the RFC 768 / RFC 793 pseudo-header for a transport checksum.</summary>
    public void AddPseudoHeader(ref InternetChecksum sum, int transportLength)
    {
        Span<byte> a = stackalloc byte[8];
        WriteAddress(Source, a);
        WriteAddress(Destination, a[4..]);
        sum.Add(a);
        sum.Add((ushort)Protocol);
        sum.Add((ushort)transportLength);
    }

    private static void WriteAddress(IPAddress address, Span<byte> destination)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork || !address.TryWriteBytes(destination, out _))
        {
            throw new ArgumentException($"not an IPv4 address: {address}", nameof(address));
        }
    }
}
