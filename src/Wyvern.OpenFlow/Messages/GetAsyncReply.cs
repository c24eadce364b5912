using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>OF 1.3.5 §7.3.10 ofp_async_config (GetAsyncReply): which asynchronous messages the switch sends this connection.</summary>
public sealed record GetAsyncReply(AsyncMasks Masks) : OfpMessage
{
    public override OfpType Type => OfpType.GetAsyncReply;

    public override int BodyLength => 24;

    internal override void WriteBody(ref SpanWriter writer, uint xid) => Masks.Write(ref writer);
}
