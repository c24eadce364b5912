using Wyvern.OpenFlow.Encoding;
using Wyvern.OpenFlow.Matching;

namespace Wyvern.OpenFlow.Messages;

/// <summary>OF 1.3.5 §7.3.5.3 ofp_aggregate_stats_request (OFPMP_AGGREGATE): same body as a flow stats request.</summary>
public sealed record AggregateStatsRequest : MultipartRequest
{
    public byte TableId { get; init; } = OfpPort.AllTables;

    public uint OutPort { get; init; } = OfpPort.Any;

    public uint OutGroup { get; init; } = OfpPort.AnyGroup;

    public ulong Cookie { get; init; }

    public ulong CookieMask { get; init; }

    public Match Match { get; init; }

    public override MultipartType MultipartType => MultipartType.Aggregate;

    internal override int PayloadLength => 32 + Match.EncodedLength;

    internal override void WritePayload(ref SpanWriter writer) => FlowStatsQuery.Write(ref writer, TableId, OutPort, OutGroup, Cookie, CookieMask, Match);

    internal static AggregateStatsRequest Read(ref SpanReader body)
    {
        var (table, outPort, outGroup, cookie, mask, match) = FlowStatsQuery.Read(ref body);
        return new AggregateStatsRequest { TableId = table, OutPort = outPort, OutGroup = outGroup, Cookie = cookie, CookieMask = mask, Match = match };
    }
}
