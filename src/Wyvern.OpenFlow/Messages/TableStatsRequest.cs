using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>OF 1.3.5 §7.3.5.4 OFPMP_TABLE request: no body.</summary>
public sealed record TableStatsRequest : MultipartRequest
{
    public override MultipartType MultipartType => MultipartType.Table;

    internal override int PayloadLength => 0;

    internal override void WritePayload(ref SpanWriter writer)
    {
    }
}
