using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>OF 1.3.5 §7.3.10 ofp_async_config (SetAsync): which asynchronous messages the switch sends this connection.</summary>
public sealed record SetAsync(AsyncMasks Masks) : OfpMessage
{
    public override OfpType Type => OfpType.SetAsync;

    public override int BodyLength => 24;

    internal override void WriteBody(ref SpanWriter writer, uint xid) => Masks.Write(ref writer);
}
