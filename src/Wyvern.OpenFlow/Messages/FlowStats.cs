using Wyvern.OpenFlow.Encoding;
using Wyvern.OpenFlow.Instructions;
using Wyvern.OpenFlow.Matching;

namespace Wyvern.OpenFlow.Messages;

/// <summary>
/// OF 1.3.5 §7.3.5.2 ofp_flow_stats: length(2) table_id(1) pad(1) duration_sec(4)
/// duration_nsec(4) priority(2) idle_timeout(2) hard_timeout(2) flags(2) pad(4)
/// cookie(8) packet_count(8) byte_count(8) match instructions.
/// </summary>
public sealed record FlowStats
{
    public byte TableId { get; init; }

    public uint DurationSeconds { get; init; }

    public uint DurationNanoseconds { get; init; }

    public ushort Priority { get; init; }

    public ushort IdleTimeout { get; init; }

    public ushort HardTimeout { get; init; }

    public FlowModFlags Flags { get; init; }

    public ulong Cookie { get; init; }

    public ulong PacketCount { get; init; }

    public ulong ByteCount { get; init; }

    public Match Match { get; init; }

    public ValueArray<OfpInstruction> Instructions { get; init; }

    internal int EncodedLength => 48 + Match.EncodedLength + OfpInstruction.ListLength(Instructions);

    internal void Write(ref SpanWriter writer)
    {
        writer.U16((ushort)EncodedLength);
        writer.U8(TableId);
        writer.U8(0);
        writer.U32(DurationSeconds);
        writer.U32(DurationNanoseconds);
        writer.U16(Priority);
        writer.U16(IdleTimeout);
        writer.U16(HardTimeout);
        writer.U16((ushort)Flags);
        writer.Zeros(4);
        writer.U64(Cookie);
        writer.U64(PacketCount);
        writer.U64(ByteCount);
        Match.Write(ref writer);
        OfpInstruction.WriteList(ref writer, Instructions);
    }

    internal static FlowStats Read(ref SpanReader reader)
    {
        var length = reader.PeekU16();
        if (length < 48)
        {
            throw new OfpDecodeException(OfpDecodeError.BadLength, $"flow stats length {length} < 48");
        }

        var entry = reader.Sub(length);
        entry.Skip(2);
        var stats = new FlowStats { TableId = entry.U8() };
        entry.Skip(1);
        stats = stats with
        {
            DurationSeconds = entry.U32(),
            DurationNanoseconds = entry.U32(),
            Priority = entry.U16(),
            IdleTimeout = entry.U16(),
            HardTimeout = entry.U16(),
            Flags = (FlowModFlags)entry.U16(),
        };
        entry.Skip(4);
        stats = stats with { Cookie = entry.U64(), PacketCount = entry.U64(), ByteCount = entry.U64() };
        var match = Match.Read(ref entry);
        return stats with { Match = match, Instructions = InstructionReader.ReadList(ref entry, entry.Remaining) };
    }
}
