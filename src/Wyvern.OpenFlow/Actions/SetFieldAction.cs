using Wyvern.OpenFlow.Encoding;
using Wyvern.OpenFlow.Matching;

namespace Wyvern.OpenFlow.Actions;

/// <summary>
/// Sets a field. Unmasked: OF 1.3.5 §7.2.5 ofp_action_set_field: type=25 len(2)
/// oxm(4+width) pad(to 8). Masked (a partial write, e.g. reg6[0..15]): Open vSwitch's
/// NXAST_REG_LOAD2, which is how ovs-ofctl writes "load:" in OF 1.3:
/// nx header(10) oxm-with-mask(4+2*width) pad(to 8).
/// </summary>
public sealed record SetFieldAction(MatchField Field) : OfpAction
{
    public override int EncodedLength => Field.HasMask
        ? Pad.To8(NxHeader.Size + Field.EncodedLength)
        : Pad.To8(4 + Field.EncodedLength);

    internal override void Write(ref SpanWriter writer)
    {
        var start = writer.Position;
        if (Field.HasMask)
        {
            NxHeader.Write(ref writer, EncodedLength, NxActionSubtype.RegLoad2);
        }
        else
        {
            writer.U16((ushort)OfpActionType.SetField);
            writer.U16((ushort)EncodedLength);
        }

        Field.Write(ref writer);
        writer.PadTo8(start);
    }
}
