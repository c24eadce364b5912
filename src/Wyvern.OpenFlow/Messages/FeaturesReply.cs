using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>
/// OF 1.3.5 §7.3.1 ofp_switch_features: datapath_id(8) n_buffers(4) n_tables(1)
/// auxiliary_id(1) pad(2) capabilities(4) reserved(4).
/// </summary>
public sealed record FeaturesReply(
    ulong DatapathId,
    uint BufferCount,
    byte TableCount,
    byte AuxiliaryId,
    uint Capabilities,
    uint Reserved = 0) : OfpMessage
{
    public override OfpType Type => OfpType.FeaturesReply;

    public override int BodyLength => 24;

    internal override void WriteBody(ref SpanWriter writer, uint xid)
    {
        writer.U64(DatapathId);
        writer.U32(BufferCount);
        writer.U8(TableCount);
        writer.U8(AuxiliaryId);
        writer.Zeros(2);
        writer.U32(Capabilities);
        writer.U32(Reserved);
    }

    internal static FeaturesReply Read(ref SpanReader body)
    {
        var dpid = body.U64();
        var buffers = body.U32();
        var tables = body.U8();
        var auxiliary = body.U8();
        body.Skip(2);
        var capabilities = body.U32();
        var reserved = body.U32();
        return new FeaturesReply(dpid, buffers, tables, auxiliary, capabilities, reserved);
    }
}
