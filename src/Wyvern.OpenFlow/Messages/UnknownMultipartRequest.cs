using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>A multipart request of a type this codec does not model; the body round-trips.</summary>
public sealed record UnknownMultipartRequest(MultipartType Kind, ValueArray<byte> Body) : MultipartRequest
{
    public override MultipartType MultipartType => Kind;

    internal override int PayloadLength => Body.Count;

    internal override void WritePayload(ref SpanWriter writer) => writer.Bytes(Body.Span);
}
