using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Actions;

/// <summary>OF 1.3.5 §7.2.5 ofp_action_generic: type=24 (DEC_NW_TTL) len=8 pad(4). Open vSwitch prints it as dec_ttl.</summary>
public sealed record DecNwTtlAction : OfpAction
{
    public override int EncodedLength => 8;

    internal override void Write(ref SpanWriter writer)
    {
        writer.U16((ushort)OfpActionType.DecNwTtl);
        writer.U16(8);
        writer.Zeros(4);
    }
}
