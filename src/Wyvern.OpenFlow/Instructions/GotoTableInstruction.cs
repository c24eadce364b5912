using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Instructions;

/// <summary>OF 1.3.5 §7.2.4 ofp_instruction_goto_table: type=1 len=8 table_id(1) pad(3).</summary>
public sealed record GotoTableInstruction(byte TableId) : OfpInstruction
{
    public override int EncodedLength => 8;

    internal override void Write(ref SpanWriter writer)
    {
        writer.U16((ushort)OfpInstructionType.GotoTable);
        writer.U16(8);
        writer.U8(TableId);
        writer.Zeros(3);
    }
}
