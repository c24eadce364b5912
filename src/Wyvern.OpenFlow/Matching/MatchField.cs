using System.Collections.Concurrent;
using System.Globalization;
using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Matching;

/// <summary>
/// One typed match field: which field, its value and optional mask. Known
/// fields hold their value as an integer of the field's width (up to 128
/// bits); a field this codec does not know keeps its raw payload so it
/// round-trips. Value-equal and cheap to hash.
/// </summary>
/// <remarks>
/// OF 1.3.5 §7.2.3.2 OXM TLV: header(4) = class(16) field(7) hasmask(1) length(8),
/// then value(length) or value(length/2) mask(length/2). Experimenter-class
/// (0xffff) fields carry a 4-byte experimenter id first; unknown ones keep it in the payload.
/// </remarks>
public readonly partial struct MatchField : IEquatable<MatchField>
{
    // Masks recur (prefix lengths, ct_state bits): one boxed instance per distinct mask, up to
    // this many; past it (a dump full of unusual masks) each field boxes its own.
    private const int MaxSharedMasks = 4096;
    private static readonly ConcurrentDictionary<UInt128, object> SharedMasks = new();

    // Every set-field action holds one (~90,000 in a desired-flow table at 10,000 ports; a
    // Match keeps its fields as wire TLVs instead), so the struct is kept to 32 bytes: the value inline, and in one reference either the mask
    // of a masked field (boxed, shared) or the raw payload of a field this codec does not
    // know (null for the common exact match, whose mask is all ones of the field's width).
    private readonly object? _extra;

    // Cached so that encoding never looks the field up again (the flow-mod encode path is hot).
    private readonly byte _width;

    private MatchField(OxmField field, UInt128 value, UInt128 mask, bool hasMask, byte[]? unknownPayload)
    {
        Field = field;
        Value = value;
        HasMask = hasMask;
        _extra = unknownPayload ?? (hasMask ? BoxMask(mask) : null);
        _width = (byte)(unknownPayload is null ? OxmFieldInfo.Width(field) : hasMask ? unknownPayload.Length / 2 : unknownPayload.Length);
    }

    /// <summary>Which field.</summary>
    public OxmField Field { get; }

    /// <summary>The value (already ANDed with the mask when masked).</summary>
    public UInt128 Value { get; }

    /// <summary>The mask; all ones of the field's width when unmasked (zero for an unknown field).</summary>
    public UInt128 Mask => _extra switch
    {
        null => FullMask(_width),
        UInt128 mask => mask,
        _ => 0,
    };

    /// <summary>True when a mask is present on the wire.</summary>
    public bool HasMask { get; }

    /// <summary>True for a known field masked with all zeros: it matches every packet.</summary>
    public bool IsWildcard => HasMask && _extra is UInt128 mask && mask == 0;

    /// <summary>True for a field this codec does not know (kept as raw bytes).</summary>
    public bool IsUnknown => _extra is byte[];

    /// <summary>The raw payload of an unknown field (value and mask, with experimenter id if any).</summary>
    public ReadOnlySpan<byte> UnknownPayload => _extra as byte[];

    /// <summary>Width of the value in bytes.</summary>
    public int Width => _width;

    /// <summary>Bytes this field takes on the wire: header plus value and mask.</summary>
    public int EncodedLength => 4 + ((_extra as byte[])?.Length ?? (HasMask ? 2 * _width : _width));

    /// <summary>The OXM header as it goes on the wire.</summary>
    public uint Header => (uint)Field | (HasMask ? 0x100u : 0u) | (uint)(EncodedLength - 4);

    /// <summary>The field's value as an unsigned 32-bit number (for fields of 4 bytes or fewer).</summary>
    public uint ValueAsUInt32 => (uint)Value;

    /// <summary>All ones over <paramref name="width"/> bytes.</summary>
    public static UInt128 FullMask(int width) => width >= 16 ? UInt128.MaxValue : (UInt128.One << (8 * width)) - 1;

    /// <summary>An exact-match field. Throws for an unknown field.</summary>
    public static MatchField Create(OxmField field, UInt128 value)
    {
        var width = KnownWidth(field);
        var full = FullMask(width);
        if ((value & ~full) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"{OxmFieldInfo.Name(field)} is {width} bytes wide");
        }

        return new MatchField(field, value, full, false, null);
    }

    /// <summary>
    /// A masked field. A full mask gives the exact-match form, as Open vSwitch
    /// does, so equal matches have one representation. The value is ANDed with the mask.
    /// </summary>
    public static MatchField Create(OxmField field, UInt128 value, UInt128 mask)
    {
        var width = KnownWidth(field);
        var full = FullMask(width);
        mask &= full;
        return mask == full
            ? new MatchField(field, value & full, full, false, null)
            : new MatchField(field, value & mask, mask, true, null);
    }

    /// <summary>A field this codec does not know, kept as its raw wire payload.</summary>
    public static MatchField Unknown(uint header, ReadOnlySpan<byte> payload)
    {
        var field = (OxmField)(header & 0xffff_fe00);
        var hasMask = (header & 0x100) != 0;
        return new MatchField(field, 0, 0, hasMask, payload.ToArray());
    }

    public static bool operator ==(MatchField left, MatchField right) => left.Equals(right);

    public static bool operator !=(MatchField left, MatchField right) => !left.Equals(right);

    // The same reference (both exact: null; the same shared mask) settles the mask without computing it.
    public bool Equals(MatchField other) =>
        Field == other.Field && Value == other.Value && HasMask == other.HasMask
        && (ReferenceEquals(_extra, other._extra) || (Mask == other.Mask && UnknownPayload.SequenceEqual(other.UnknownPayload)));

    public override bool Equals(object? obj) => obj is MatchField other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Field, Value, Mask, HasMask);

    /// <summary>Open vSwitch-like text: <c>reg6=0x5</c>, <c>eth_dst=fa:16:3e:00:00:01/ff:ff:ff:00:00:00</c>.</summary>
    public override string ToString()
    {
        if (_extra is byte[] payload)
        {
            return $"{OxmFieldInfo.Name(Field)}{(HasMask ? "/m" : "")}={Convert.ToHexString(payload)}";
        }

        var text = $"{OxmFieldInfo.Name(Field)}=0x{Value.ToString("x", CultureInfo.InvariantCulture)}";
        return HasMask ? $"{text}/0x{Mask.ToString("x", CultureInfo.InvariantCulture)}" : text;
    }

    internal void Write(ref SpanWriter writer)
    {
        writer.U32(Header);
        if (_extra is byte[] payload)
        {
            writer.Bytes(payload);
            return;
        }

        writer.UInt(Value, _width);
        if (HasMask)
        {
            writer.UInt(Mask, _width);
        }
    }

    /// <summary>Reads one OXM TLV (§7.2.3.2).</summary>
    internal static MatchField Read(ref SpanReader reader)
    {
        var header = reader.U32();
        var length = (int)(header & 0xff);
        var hasMask = (header & 0x100) != 0;
        var payload = reader.Bytes(length);
        var field = (OxmField)(header & 0xffff_fe00);
        var width = OxmFieldInfo.Width(field);
        if (width == 0)
        {
            return Unknown(header, payload);
        }

        if (length != (hasMask ? 2 * width : width))
        {
            throw new OfpDecodeException(OfpDecodeError.BadLength, $"{OxmFieldInfo.Name(field)} has length {length}, expected {width}{(hasMask ? " x2" : "")}");
        }

        var inner = new SpanReader(payload);
        var value = inner.UInt(width);
        if (!hasMask)
        {
            return new MatchField(field, value, FullMask(width), false, null);
        }

        var mask = inner.UInt(width);
        return new MatchField(field, value & mask, mask, true, null);
    }

    private static object BoxMask(UInt128 mask)
    {
        if (SharedMasks.TryGetValue(mask, out var boxed))
        {
            return boxed;
        }

        return SharedMasks.Count < MaxSharedMasks ? SharedMasks.GetOrAdd(mask, static m => m) : mask;
    }

    private static int KnownWidth(OxmField field)
    {
        var width = OxmFieldInfo.Width(field);
        return width != 0 ? width : throw new ArgumentException($"unknown field 0x{(uint)field:x8}; use MatchField.Unknown", nameof(field));
    }
}
