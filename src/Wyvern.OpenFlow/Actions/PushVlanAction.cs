using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Actions;

/// <summary>OF 1.3.5 §7.2.5 ofp_action_push: type=17 len=8 ethertype(2) pad(2).</summary>
public sealed record PushVlanAction(ushort EtherType = 0x8100) : OfpAction
{
    public override int EncodedLength => 8;

    internal override void Write(ref SpanWriter writer)
    {
        writer.U16((ushort)OfpActionType.PushVlan);
        writer.U16(8);
        writer.U16(EtherType);
        writer.Zeros(2);
    }
}
