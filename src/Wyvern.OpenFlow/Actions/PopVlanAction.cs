using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Actions;

/// <summary>OF 1.3.5 §7.2.5 ofp_action_generic: type=18 (POP_VLAN) len=8 pad(4).</summary>
public sealed record PopVlanAction : OfpAction
{
    public override int EncodedLength => 8;

    internal override void Write(ref SpanWriter writer)
    {
        writer.U16((ushort)OfpActionType.PopVlan);
        writer.U16(8);
        writer.Zeros(4);
    }
}
