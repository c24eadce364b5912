using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>OF 1.3.5 §7.3.8 OFPT_BARRIER_REPLY: header only.</summary>
public sealed record BarrierReply : OfpMessage
{
    public override OfpType Type => OfpType.BarrierReply;

    public override int BodyLength => 0;

    internal override void WriteBody(ref SpanWriter writer, uint xid)
    {
    }
}
