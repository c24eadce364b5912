using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>OF 1.3.5 §7.3.8 OFPT_BARRIER_REQUEST: header only.</summary>
public sealed record BarrierRequest : OfpMessage
{
    public override OfpType Type => OfpType.BarrierRequest;

    public override int BodyLength => 0;

    internal override void WriteBody(ref SpanWriter writer, uint xid)
    {
    }
}
