using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Instructions;

/// <summary>OF 1.3.5 §7.2.4 ofp_instruction_meter: type=6 len=8 meter_id(4).</summary>
public sealed record MeterInstruction(uint MeterId) : OfpInstruction
{
    public override int EncodedLength => 8;

    internal override void Write(ref SpanWriter writer)
    {
        writer.U16((ushort)OfpInstructionType.Meter);
        writer.U16(8);
        writer.U32(MeterId);
    }
}
