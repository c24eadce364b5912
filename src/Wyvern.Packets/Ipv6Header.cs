using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Wyvern.Packets;

/// <summary>
/// RFC 8200 §3 IPv6 header: version/traffic class/flow label(4) payload
/// length(2) next header(1) hop limit(1) source(16) destination(16).
/// Extension headers are not followed (Wyvern only reads ND and ICMPv6 echo).
/// </summary>
public readonly record struct Ipv6Header(IPAddress Source, IPAddress Destination, IpProtocol NextHeader, byte HopLimit, ushort PayloadLength)
{
    /// <summary>Header size.</summary>
    public const int Size = 40;

    /// <summary>Parses the header at the start of <paramref name="packet"/>.</summary>
    public static Ipv6Header Parse(ReadOnlySpan<byte> packet)
    {
        MalformedPacketException.ThrowIfShort(packet, Size, "IPv6 header");
        if (packet[0] >> 4 != 6)
        {
            throw new MalformedPacketException($"IPv6 header: version {packet[0] >> 4}");
        }
        var payload = BinaryPrimitives.ReadUInt16BigEndian(packet[4..]);
        if (Size + payload > packet.Length)
        {
            throw new MalformedPacketException($"IPv6 header: payload length {payload} with {packet.Length - Size} bytes present");
        }
        return new(new IPAddress(packet.Slice(8, 16)), new IPAddress(packet.Slice(24, 16)), (IpProtocol)packet[6], packet[7], payload);
    }

    /// <summary>Writes the header; returns 40.</summary>
    public int Write(Span<byte> d)
    {
        BinaryPrimitives.WriteUInt32BigEndian(d, 6u << 28);
        BinaryPrimitives.WriteUInt16BigEndian(d[4..], PayloadLength);
        d[6] = (byte)NextHeader;
        d[7] = HopLimit;
        Write(Source, d[8..]);
        Write(Destination, d[24..]);
        return Size;
    }

    /// <summary>Adds the RFC 8200 §8.1 pseudo-header for an upper-layer checksum.</summary>
    public void AddPseudoHeader(ref InternetChecksum sum, int upperLayerLength)
    {
        Span<byte> a = stackalloc byte[32];
        Write(Source, a);
        Write(Destination, a[16..]);
        sum.Add(a);
        sum.Add((ushort)(upperLayerLength >> 16));
        sum.Add((ushort)upperLayerLength);
        sum.Add((ushort)NextHeader);
    }

    private static void Write(IPAddress address, Span<byte> destination)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6 || !address.TryWriteBytes(destination, out _))
        {
            throw new ArgumentException($"not an IPv6 address: {address}", nameof(address));
        }
    }
}
