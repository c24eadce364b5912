using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Actions;

/// <summary>
/// The older load:value->dst[ofs..] (nicira-ext.h nx_action_reg_load: nx header(10)
/// ofs_nbits(2) dst(4) value(8) = 24). Open vSwitch itself writes loads in OF 1.3
/// as set_field or NXAST_REG_LOAD2 (<see cref="SetFieldAction"/>); this form is decoded and re-encoded as is.
/// </summary>
public sealed record NxRegLoadAction(NxFieldRef Destination, ulong Value) : OfpAction
{
    public override int EncodedLength => 24;

    internal override void Write(ref SpanWriter writer)
    {
        NxHeader.Write(ref writer, 24, NxActionSubtype.RegLoad);
        writer.U16(Destination.OffsetNBits);
        writer.U32(Destination.Header);
        writer.U64(Value);
    }

    internal static NxRegLoadAction Read(ref SpanReader body)
    {
        var ofsNBits = body.U16();
        var dst = body.U32();
        var value = body.U64();
        return new NxRegLoadAction(NxFieldRef.FromOffsetNBits(dst, ofsNBits), value);
    }
}
