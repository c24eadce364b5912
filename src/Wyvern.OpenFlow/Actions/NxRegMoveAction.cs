using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Actions;

/// <summary>
/// move:src->dst (ovs-actions(7)). nicira-ext.h nx_action_reg_move: nx header(10)
/// n_bits(2) src_ofs(2) dst_ofs(2) src header(4) dst header(4) pad(to 8) = 24.
/// </summary>
public sealed record NxRegMoveAction(NxFieldRef Source, NxFieldRef Destination) : OfpAction
{
    public override int EncodedLength => 24;

    internal override void Write(ref SpanWriter writer)
    {
        var start = writer.Position;
        NxHeader.Write(ref writer, 24, NxActionSubtype.RegMove);
        writer.U16((ushort)Source.NBits);
        writer.U16((ushort)Source.Offset);
        writer.U16((ushort)Destination.Offset);
        writer.U32(Source.Header);
        writer.U32(Destination.Header);
        writer.PadTo8(start);
    }

    internal static NxRegMoveAction Read(ref SpanReader body)
    {
        var nBits = body.U16();
        var srcOffset = body.U16();
        var dstOffset = body.U16();
        var src = body.U32();
        var dst = body.U32();
        return new NxRegMoveAction(NxFieldRef.FromHeader(src, srcOffset, nBits), NxFieldRef.FromHeader(dst, dstOffset, nBits));
    }
}
