using Wyvern.Model;

namespace Wyvern.Neutron.Ipam;

/// <summary>
/// Neutron's MAC generation from <c>base_mac</c>: the octets the base gives as non-zero are kept,
/// the last three (and any zero octet before them) are random; a MAC already in use is drawn again.
/// </summary>
internal sealed class MacGenerator(MacAddress baseMac, Random random)
{
    private readonly ulong _fixedMask = FixedMask(baseMac);

    /// <summary>A MAC not in <paramref name="inUse"/>, or null after 64 draws (the space is exhausted).</summary>
    public MacAddress? Next(Func<MacAddress, bool> inUse)
    {
        Span<byte> bytes = stackalloc byte[8];
        for (var attempt = 0; attempt < 64; attempt++)
        {
            random.NextBytes(bytes);
            var value = (BitConverter.ToUInt64(bytes) & ~_fixedMask & 0xFFFF_FFFF_FFFFUL) | (baseMac.Value & _fixedMask);
            var mac = new MacAddress(value);
            if (!mac.IsMulticast && !inUse(mac))
            {
                return mac;
            }
        }
        return null;
    }

    private static ulong FixedMask(MacAddress baseMac)
    {
        ulong mask = 0;
        var bytes = baseMac.ToBytes();
        for (var i = 0; i < 3; i++)
        {
            if (bytes[i] != 0)
            {
                mask |= 0xFFUL << (8 * (5 - i));
            }
        }
        // The first octet always stays, so that a unicast, locally administered base stays so.
        return mask | (0xFFUL << 40);
    }
}
