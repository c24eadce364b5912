using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>OF 1.3.5 §7.3.5.4 OFPMP_TABLE reply: a sequence of ofp_table_stats.</summary>
public sealed record TableStatsReply(ValueArray<TableStats> Tables) : MultipartReply
{
    public override MultipartType MultipartType => MultipartType.Table;

    internal override int PayloadLength => TableStats.Size * Tables.Count;

    internal override void WritePayload(ref SpanWriter writer)
    {
        foreach (var table in Tables)
        {
            writer.U8(table.TableId);
            writer.Zeros(3);
            writer.U32(table.ActiveCount);
            writer.U64(table.LookupCount);
            writer.U64(table.MatchedCount);
        }
    }
}
