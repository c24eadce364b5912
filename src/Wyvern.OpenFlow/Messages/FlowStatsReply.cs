using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>OF 1.3.5 §7.3.5.2 OFPMP_FLOW reply: a sequence of ofp_flow_stats.</summary>
public sealed record FlowStatsReply(ValueArray<FlowStats> Flows) : MultipartReply
{
    public override MultipartType MultipartType => MultipartType.Flow;

    internal override int PayloadLength
    {
        get
        {
            var length = 0;
            foreach (var flow in Flows)
            {
                length += flow.EncodedLength;
            }

            return length;
        }
    }

    internal override void WritePayload(ref SpanWriter writer)
    {
        foreach (var flow in Flows)
        {
            flow.Write(ref writer);
        }
    }

    internal static FlowStatsReply Read(ref SpanReader body)
    {
        var flows = new List<FlowStats>();
        while (!body.IsEmpty)
        {
            flows.Add(FlowStats.Read(ref body));
        }

        return new FlowStatsReply(flows.ToArray());
    }
}
