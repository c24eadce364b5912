using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>A multipart reply of a type this codec does not model; the body round-trips.</summary>
public sealed record UnknownMultipartReply(MultipartType Kind, ValueArray<byte> Body) : MultipartReply
{
    public override MultipartType MultipartType => Kind;

    internal override int PayloadLength => Body.Count;

    internal override void WritePayload(ref SpanWriter writer) => writer.Bytes(Body.Span);
}
