using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>OF 1.3.5 §7.3.10 OFPT_GET_ASYNC_REQUEST: header only.</summary>
public sealed record GetAsyncRequest : OfpMessage
{
    public override OfpType Type => OfpType.GetAsyncRequest;

    public override int BodyLength => 0;

    internal override void WriteBody(ref SpanWriter writer, uint xid)
    {
    }
}
