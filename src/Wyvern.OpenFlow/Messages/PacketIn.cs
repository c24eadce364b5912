using Wyvern.OpenFlow.Encoding;
using Wyvern.OpenFlow.Matching;

namespace Wyvern.OpenFlow.Messages;

/// <summary>
/// OF 1.3.5 §7.4.1 ofp_packet_in: buffer_id(4) total_len(2) reason(1) table_id(1)
/// cookie(8) match(ofp_match, padded) pad(2) data. The match carries the
/// pipeline fields (in_port, metadata, registers, tunnel, conntrack state).
/// </summary>
public sealed record PacketIn(
    uint BufferId,
    ushort TotalLength,
    PacketInReason Reason,
    byte TableId,
    ulong Cookie,
    Match Match,
    ValueArray<byte> Data) : OfpMessage
{
    public override OfpType Type => OfpType.PacketIn;

    public override int BodyLength => 16 + Match.EncodedLength + 2 + Data.Count;

    /// <summary>The in_port from the match, if present.</summary>
    public uint? InPort => Match.TryGet(OxmField.InPort, out var port) ? (uint)port.Value : null;

    internal override void WriteBody(ref SpanWriter writer, uint xid)
    {
        writer.U32(BufferId);
        writer.U16(TotalLength);
        writer.U8((byte)Reason);
        writer.U8(TableId);
        writer.U64(Cookie);
        Match.Write(ref writer);
        writer.Zeros(2);
        writer.Bytes(Data.Span);
    }

    internal static PacketIn Read(ref SpanReader body)
    {
        var bufferId = body.U32();
        var totalLength = body.U16();
        var reason = (PacketInReason)body.U8();
        var table = body.U8();
        var cookie = body.U64();
        var match = Match.Read(ref body);
        body.Skip(2);
        return new PacketIn(bufferId, totalLength, reason, table, cookie, match, ValueArray.Create(body.Rest));
    }
}
