using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>OF 1.3.5 §7.5.3 OFPT_ECHO_REPLY: header then the request's data.</summary>
public sealed record EchoReply(ValueArray<byte> Data = default) : OfpMessage
{
    public override OfpType Type => OfpType.EchoReply;

    public override int BodyLength => Data.Count;

    internal override void WriteBody(ref SpanWriter writer, uint xid) => writer.Bytes(Data.Span);
}
