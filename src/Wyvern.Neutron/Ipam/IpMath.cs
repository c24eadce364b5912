using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Wyvern.Neutron.Ipam;

/// <summary>Address arithmetic for IPv4 and IPv6 on <see cref="UInt128"/> (IPv4 in the low 32 bits).</summary>
internal static class IpMath
{
    /// <summary>The address as a number.</summary>
    public static UInt128 ToNumber(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return written == 4
            ? BinaryPrimitives.ReadUInt32BigEndian(bytes)
            : BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    /// <summary>The number as an address of <paramref name="family"/>.</summary>
    public static IPAddress FromNumber(UInt128 value, AddressFamily family)
    {
        if (family == AddressFamily.InterNetwork)
        {
            Span<byte> v4 = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(v4, (uint)value);
            return new IPAddress(v4);
        }
        Span<byte> v6 = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(v6, value);
        return new IPAddress(v6);
    }

    /// <summary>Address width in bits.</summary>
    public static int Bits(AddressFamily family) => family == AddressFamily.InterNetwork ? 32 : 128;

    /// <summary><paramref name="address"/> with the host bits beyond <paramref name="prefixLength"/> cleared.</summary>
    public static IPAddress Mask(IPAddress address, int prefixLength)
    {
        var bits = Bits(address.AddressFamily);
        var hostBits = bits - prefixLength;
        var value = ToNumber(address);
        var mask = hostBits >= 128 ? UInt128.Zero : UInt128.MaxValue << hostBits;
        return FromNumber(value & mask, address.AddressFamily);
    }

    /// <summary>First (network) and last (broadcast) address of <paramref name="network"/>.</summary>
    public static (UInt128 First, UInt128 Last) Range(IPNetwork network)
    {
        var hostBits = Bits(network.BaseAddress.AddressFamily) - network.PrefixLength;
        var first = ToNumber(network.BaseAddress);
        var size = hostBits >= 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        return (first, first + size);
    }

    /// <summary>True when the two prefixes share any address.</summary>
    public static bool Overlaps(IPNetwork a, IPNetwork b) =>
        a.BaseAddress.AddressFamily == b.BaseAddress.AddressFamily
        && (a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress));
}
