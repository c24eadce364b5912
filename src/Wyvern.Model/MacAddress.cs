using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;
using Wyvern.Model.Json;

namespace Wyvern.Model;

/// <summary>A 48-bit Ethernet MAC address, written <c>fa:16:3e:00:01:01</c>.</summary>
[JsonConverter(typeof(MacAddressJsonConverter))]
public readonly record struct MacAddress
{
    private const ulong Mask = 0xFFFF_FFFF_FFFFUL;

    /// <summary>The address in the low 48 bits, first octet most significant.</summary>
    public ulong Value { get; }

    /// <summary>An address from its 48-bit value.</summary>
    public MacAddress(ulong value) => Value = value & Mask;

    /// <summary>True for a group (multicast or broadcast) address: the low bit of the first octet.</summary>
    public bool IsMulticast => (Value & 0x0100_0000_0000UL) != 0;

    /// <summary>ff:ff:ff:ff:ff:ff.</summary>
    public static MacAddress Broadcast => new(Mask);

    /// <summary>Parses <c>aa:bb:cc:dd:ee:ff</c> (or with '-'); false on anything else.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out MacAddress mac)
    {
        mac = default;
        if (text is null || text.Length != 17)
        {
            return false;
        }
        ulong value = 0;
        for (var i = 0; i < 6; i++)
        {
            if (i > 0 && text[(i * 3) - 1] is not (':' or '-'))
            {
                return false;
            }
            if (!byte.TryParse(text.AsSpan(i * 3, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var octet))
            {
                return false;
            }
            value = (value << 8) | octet;
        }
        mac = new MacAddress(value);
        return true;
    }

    /// <summary>Parses a MAC address or throws <see cref="FormatException"/>.</summary>
    public static MacAddress Parse(string text) =>
        TryParse(text, out var mac) ? mac : throw new FormatException($"'{text}' is not a MAC address");

    /// <summary>The six octets, first octet first.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[6];
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(Value >> (8 * (5 - i)));
        }
        return bytes;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(':', ToBytes().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
}
