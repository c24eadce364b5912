using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Instructions;

/// <summary>OF 1.3.5 §7.2.4 ofp_instruction_write_metadata: type=2 len=24 pad(4) metadata(8) metadata_mask(8).</summary>
public sealed record WriteMetadataInstruction(ulong Metadata, ulong Mask = ulong.MaxValue) : OfpInstruction
{
    public override int EncodedLength => 24;

    internal override void Write(ref SpanWriter writer)
    {
        writer.U16((ushort)OfpInstructionType.WriteMetadata);
        writer.U16(24);
        writer.Zeros(4);
        writer.U64(Metadata);
        writer.U64(Mask);
    }
}
