using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Actions;

/// <summary>OF 1.3.5 §7.2.5 ofp_action_nw_ttl: type=23 len=8 nw_ttl(1) pad(3).</summary>
public sealed record SetNwTtlAction(byte Ttl) : OfpAction
{
    public override int EncodedLength => 8;

    internal override void Write(ref SpanWriter writer)
    {
        writer.U16((ushort)OfpActionType.SetNwTtl);
        writer.U16(8);
        writer.U8(Ttl);
        writer.Zeros(3);
    }
}
