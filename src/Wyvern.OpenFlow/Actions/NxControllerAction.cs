using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Actions;

/// <summary>
/// controller(max_len, id, reason) without userdata. nicira-ext.h nx_action_controller:
/// nx header(10) max_len(2) controller_id(2) reason(1) pad(1) = 16.
/// </summary>
public sealed record NxControllerAction(ushort MaxLength, ushort ControllerId, PacketInReason Reason) : OfpAction
{
    public override int EncodedLength => 16;

    internal override void Write(ref SpanWriter writer)
    {
        NxHeader.Write(ref writer, 16, NxActionSubtype.Controller);
        writer.U16(MaxLength);
        writer.U16(ControllerId);
        writer.U8((byte)Reason);
        writer.U8(0);
    }

    internal static NxControllerAction Read(ref SpanReader body)
    {
        var maxLength = body.U16();
        var id = body.U16();
        var reason = (PacketInReason)body.U8();
        return new NxControllerAction(maxLength, id, reason);
    }
}
