using Wyvern.OpenFlow.Actions;
using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Instructions;

/// <summary>OF 1.3.5 §7.2.4 ofp_instruction_actions, type=3 (WRITE_ACTIONS): type(2) len(2) pad(4) actions.</summary>
public sealed record WriteActionsInstruction(ValueArray<OfpAction> Actions) : OfpInstruction
{
    public override int EncodedLength => 8 + OfpAction.ListLength(Actions);

    internal override void Write(ref SpanWriter writer)
    {
        var start = writer.Position;
        writer.U16((ushort)OfpInstructionType.WriteActions);
        writer.Zeros(6);
        OfpAction.WriteList(ref writer, Actions);
        writer.PatchU16(start + 2, (ushort)(writer.Position - start));
    }
}
