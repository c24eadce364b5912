using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>A message type this codec does not model; the body is kept so it round-trips.</summary>
public sealed record UnknownMessage(OfpType MessageType, ValueArray<byte> Body) : OfpMessage
{
    public override OfpType Type => MessageType;

    public override int BodyLength => Body.Count;

    internal override void WriteBody(ref SpanWriter writer, uint xid) => writer.Bytes(Body.Span);
}
