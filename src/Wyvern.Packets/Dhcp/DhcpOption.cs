using System.Buffers.Binary;
using System.Net;

namespace Wyvern.Packets.Dhcp;

/// <summary>One DHCP option: a code and its raw value (RFC 2132 §2: code(1) len(1) value(len)).</summary>
public sealed record DhcpOption(byte Code, byte[] Value)
{
    /// <summary>An option whose value is IPv4 addresses, back to back.</summary>
    public static DhcpOption Addresses(DhcpOptionCode code, IEnumerable<IPAddress> addresses) =>
        new((byte)code, addresses.SelectMany(a => a.GetAddressBytes()).ToArray());

    /// <summary>An option holding one 32-bit number (lease times).</summary>
    public static DhcpOption UInt32(DhcpOptionCode code, uint value)
    {
        var v = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(v, value);
        return new((byte)code, v);
    }

    /// <summary>An option holding one 16-bit number (MTU).</summary>
    public static DhcpOption UInt16(DhcpOptionCode code, ushort value)
    {
        var v = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(v, value);
        return new((byte)code, v);
    }

    /// <summary>An option holding ASCII text (domain name).</summary>
    public static DhcpOption Text(DhcpOptionCode code, string text) => new((byte)code, System.Text.Encoding.ASCII.GetBytes(text));

    /// <summary>
    /// RFC 3442 classless static routes: per route, the prefix length, the
    /// significant octets of the destination, then the router.
    /// </summary>
    public static DhcpOption ClasslessRoutes(IEnumerable<(IPAddress Destination, int PrefixLength, IPAddress NextHop)> routes)
    {
        var bytes = new List<byte>();
        foreach (var (dst, len, hop) in routes)
        {
            bytes.Add((byte)len);
            bytes.AddRange(dst.GetAddressBytes().Take((len + 7) / 8));
            bytes.AddRange(hop.GetAddressBytes());
        }
        return new((byte)DhcpOptionCode.ClasslessStaticRoute, [.. bytes]);
    }

    public bool Equals(DhcpOption? other) => other is not null && Code == other.Code && Value.AsSpan().SequenceEqual(other.Value);

    public override int GetHashCode() => HashCode.Combine(Code, Value.Length);
}
