using Wyvern.OpenFlow.Encoding;
using Wyvern.OpenFlow.Matching;

namespace Wyvern.OpenFlow.Messages;

/// <summary>
/// OF 1.3.5 §7.3.5.2 ofp_flow_stats_request (OFPMP_FLOW): table_id(1) pad(3) out_port(4)
/// out_group(4) pad(4) cookie(8) cookie_mask(8) match.
/// </summary>
public sealed record FlowStatsRequest : MultipartRequest
{
    public byte TableId { get; init; } = OfpPort.AllTables;

    public uint OutPort { get; init; } = OfpPort.Any;

    public uint OutGroup { get; init; } = OfpPort.AnyGroup;

    public ulong Cookie { get; init; }

    public ulong CookieMask { get; init; }

    public Match Match { get; init; }

    public override MultipartType MultipartType => MultipartType.Flow;

    internal override int PayloadLength => 32 + Match.EncodedLength;

    internal override void WritePayload(ref SpanWriter writer) => FlowStatsQuery.Write(ref writer, TableId, OutPort, OutGroup, Cookie, CookieMask, Match);

    internal static FlowStatsRequest Read(ref SpanReader body)
    {
        var (table, outPort, outGroup, cookie, mask, match) = FlowStatsQuery.Read(ref body);
        return new FlowStatsRequest { TableId = table, OutPort = outPort, OutGroup = outGroup, Cookie = cookie, CookieMask = mask, Match = match };
    }
}
