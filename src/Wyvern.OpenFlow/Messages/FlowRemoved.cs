using Wyvern.OpenFlow.Encoding;
using Wyvern.OpenFlow.Matching;

namespace Wyvern.OpenFlow.Messages;

/// <summary>
/// OF 1.3.5 §7.4.2 ofp_flow_removed: cookie(8) priority(2) reason(1) table_id(1)
/// duration_sec(4) duration_nsec(4) idle_timeout(2) hard_timeout(2) packet_count(8)
/// byte_count(8) match.
/// </summary>
public sealed record FlowRemoved : OfpMessage
{
    public ulong Cookie { get; init; }

    public ushort Priority { get; init; }

    public FlowRemovedReason Reason { get; init; }

    public byte TableId { get; init; }

    public uint DurationSeconds { get; init; }

    public uint DurationNanoseconds { get; init; }

    public ushort IdleTimeout { get; init; }

    public ushort HardTimeout { get; init; }

    public ulong PacketCount { get; init; }

    public ulong ByteCount { get; init; }

    public Match Match { get; init; }

    public override OfpType Type => OfpType.FlowRemoved;

    public override int BodyLength => 40 + Match.EncodedLength;

    internal override void WriteBody(ref SpanWriter writer, uint xid)
    {
        writer.U64(Cookie);
        writer.U16(Priority);
        writer.U8((byte)Reason);
        writer.U8(TableId);
        writer.U32(DurationSeconds);
        writer.U32(DurationNanoseconds);
        writer.U16(IdleTimeout);
        writer.U16(HardTimeout);
        writer.U64(PacketCount);
        writer.U64(ByteCount);
        Match.Write(ref writer);
    }

    internal static FlowRemoved Read(ref SpanReader body)
    {
        var removed = new FlowRemoved
        {
            Cookie = body.U64(),
            Priority = body.U16(),
            Reason = (FlowRemovedReason)body.U8(),
            TableId = body.U8(),
            DurationSeconds = body.U32(),
            DurationNanoseconds = body.U32(),
            IdleTimeout = body.U16(),
            HardTimeout = body.U16(),
            PacketCount = body.U64(),
            ByteCount = body.U64(),
        };
        return removed with { Match = Match.Read(ref body) };
    }
}
