using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>OF 1.3.5 §7.3.5.3 ofp_aggregate_stats_reply: packet_count(8) byte_count(8) flow_count(4) pad(4).</summary>
public sealed record AggregateStatsReply(ulong PacketCount, ulong ByteCount, uint FlowCount) : MultipartReply
{
    public override MultipartType MultipartType => MultipartType.Aggregate;

    internal override int PayloadLength => 24;

    internal override void WritePayload(ref SpanWriter writer)
    {
        writer.U64(PacketCount);
        writer.U64(ByteCount);
        writer.U32(FlowCount);
        writer.Zeros(4);
    }
}
