using Wyvern.OpenFlow.Encoding;
using Wyvern.OpenFlow.Matching;

namespace Wyvern.OpenFlow.Actions;

/// <summary>
/// A bit range of a field, as Nicira actions refer to it (ovs-actions(7)
/// "field[start..end]"): the field's NXM/OXM header plus offset and bit count.
/// </summary>
public readonly record struct NxFieldRef(OxmField Field, int Offset, int NBits)
{
    /// <summary>The whole field.</summary>
    public static NxFieldRef Whole(OxmField field) => new(field, 0, OxmFieldInfo.Width(field) * 8);

    /// <summary>The NXM header of the field without mask: class, field and width.</summary>
    public uint Header => (uint)Field | (uint)OxmFieldInfo.Width(Field);

    /// <summary>nicira-ext.h "ofs_nbits": offset(10 bits) then n_bits - 1 (6 bits).</summary>
    public ushort OffsetNBits => (ushort)((Offset << 6) | (NBits - 1));

    public override string ToString() => $"{OxmFieldInfo.Name(Field)}[{Offset}..{Offset + NBits - 1}]";

    internal static NxFieldRef FromHeader(uint header, int offset, int nBits)
    {
        var field = (OxmField)(header & 0xffff_fe00);
        if (!OxmFieldInfo.IsKnown(field))
        {
            throw new OfpDecodeException(OfpDecodeError.BadValue, $"field reference to unknown field 0x{header:x8}");
        }

        return new NxFieldRef(field, offset, nBits);
    }

    internal static NxFieldRef FromOffsetNBits(uint header, ushort offsetNBits) =>
        FromHeader(header, offsetNBits >> 6, (offsetNBits & 0x3f) + 1);

    internal void WriteHeaderOffset(ref SpanWriter writer)
    {
        writer.U32(Header);
        writer.U16((ushort)Offset);
    }
}
