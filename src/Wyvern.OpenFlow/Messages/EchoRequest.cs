using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>OF 1.3.5 §7.5.2 OFPT_ECHO_REQUEST: header then arbitrary data.</summary>
public sealed record EchoRequest(ValueArray<byte> Data = default) : OfpMessage
{
    public override OfpType Type => OfpType.EchoRequest;

    public override int BodyLength => Data.Count;

    internal override void WriteBody(ref SpanWriter writer, uint xid) => writer.Bytes(Data.Span);
}
