using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>OF 1.3.5 §7.3.5.7 OFPMP_PORT_DESC request: no body.</summary>
public sealed record PortDescRequest : MultipartRequest
{
    public override MultipartType MultipartType => MultipartType.PortDesc;

    internal override int PayloadLength => 0;

    internal override void WritePayload(ref SpanWriter writer)
    {
    }
}
