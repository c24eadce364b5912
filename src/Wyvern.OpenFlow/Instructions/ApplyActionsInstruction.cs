using Wyvern.OpenFlow.Actions;
using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Instructions;

/// <summary>OF 1.3.5 §7.2.4 ofp_instruction_actions, type=4 (APPLY_ACTIONS): type(2) len(2) pad(4) actions.</summary>
public sealed record ApplyActionsInstruction(ValueArray<OfpAction> Actions) : OfpInstruction
{
    public override int EncodedLength => 8 + OfpAction.ListLength(Actions);

    internal override void Write(ref SpanWriter writer)
    {
        writer.U16((ushort)OfpInstructionType.ApplyActions);
        writer.U16((ushort)EncodedLength);
        writer.Zeros(4);
        OfpAction.WriteList(ref writer, Actions);
    }
}
