using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Actions;

/// <summary>OF 1.3.5 §7.2.5 ofp_action_group: type=22 len=8 group_id(4).</summary>
public sealed record GroupAction(uint GroupId) : OfpAction
{
    public override int EncodedLength => 8;

    internal override void Write(ref SpanWriter writer)
    {
        writer.U16((ushort)OfpActionType.Group);
        writer.U16(8);
        writer.U32(GroupId);
    }
}
