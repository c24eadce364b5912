using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Instructions;

/// <summary>OF 1.3.5 §7.2.4 ofp_instruction_actions, type=5 (CLEAR_ACTIONS): type(2) len=8 pad(4).</summary>
public sealed record ClearActionsInstruction : OfpInstruction
{
    public override int EncodedLength => 8;

    internal override void Write(ref SpanWriter writer)
    {
        writer.U16((ushort)OfpInstructionType.ClearActions);
        writer.U16(8);
        writer.Zeros(4);
    }
}
