using Wyvern.OpenFlow.Encoding;
using Wyvern.OpenFlow.Matching;

namespace Wyvern.OpenFlow.Messages;

/// <summary>
/// NXT_PACKET_IN2 (nicira-ext.h): OFPT_EXPERIMENTER vendor=0x00002320(4) subtype=30(4),
/// then properties type(2) len(2) value padded to 8: PACKET=0, FULL_LEN=1 (u32),
/// BUFFER_ID=2 (u32), TABLE_ID=3 (u8), COOKIE=4 (u64 after 4 pad bytes), REASON=5 (u8),
/// METADATA=6 (OXMs), USERDATA=7, CONTINUATION=8. Sent instead of PACKET_IN after
/// <see cref="NxSetPacketInFormat"/>; the only way to get controller2 userdata in OF 1.3.
/// </summary>
public sealed record NxPacketIn2 : OfpMessage
{
    /// <summary>NXT_PACKET_IN2.</summary>
    public const uint Subtype = 30;

    private const ushort PropPacket = 0;
    private const ushort PropFullLength = 1;
    private const ushort PropBufferId = 2;
    private const ushort PropTableId = 3;
    private const ushort PropCookie = 4;
    private const ushort PropReason = 5;
    private const ushort PropMetadata = 6;
    private const ushort PropUserData = 7;
    private const ushort PropContinuation = 8;

    public ValueArray<byte> Packet { get; init; }

    /// <summary>Length of the packet before truncation, when it was truncated.</summary>
    public uint? FullLength { get; init; }

    public uint BufferId { get; init; } = OfpPort.NoBufferId;

    public byte TableId { get; init; }

    public ulong Cookie { get; init; }

    public PacketInReason Reason { get; init; }

    /// <summary>Pipeline fields (in_port, metadata, registers, tunnel, conntrack) as a match.</summary>
    public Match Metadata { get; init; }

    /// <summary>The controller2 action's userdata.</summary>
    public ValueArray<byte> UserData { get; init; }

    /// <summary>Opaque continuation for NXT_RESUME (paused pipelines).</summary>
    public ValueArray<byte> Continuation { get; init; }

    public override OfpType Type => OfpType.Experimenter;

    public override int BodyLength =>
        8 + Pad.To8(4 + Packet.Count) + (FullLength is null ? 0 : 8) + (BufferId == OfpPort.NoBufferId ? 0 : 8) + 8 + 16 + 8
        + Pad.To8(4 + Metadata.UnpaddedLength - 4) + (UserData.IsEmpty ? 0 : Pad.To8(4 + UserData.Count))
        + (Continuation.IsEmpty ? 0 : Pad.To8(4 + Continuation.Count));

    internal override void WriteBody(ref SpanWriter writer, uint xid)
    {
        writer.U32(NxSetPacketInFormat.NiciraVendorId);
        writer.U32(Subtype);
        WriteBytes(ref writer, PropPacket, Packet.Span);
        if (FullLength is { } fullLength)
        {
            writer.U16(PropFullLength);
            writer.U16(8);
            writer.U32(fullLength);
        }

        if (BufferId != OfpPort.NoBufferId)
        {
            writer.U16(PropBufferId);
            writer.U16(8);
            writer.U32(BufferId);
        }

        writer.U16(PropTableId);
        writer.U16(5);
        writer.U8(TableId);
        writer.Zeros(3);
        writer.U16(PropCookie);
        writer.U16(16);
        writer.Zeros(4);
        writer.U64(Cookie);
        writer.U16(PropReason);
        writer.U16(5);
        writer.U8((byte)Reason);
        writer.Zeros(3);
        var start = writer.Position;
        writer.U16(PropMetadata);
        writer.U16((ushort)(4 + Metadata.UnpaddedLength - 4));
        Metadata.WriteOxms(ref writer);
        writer.PadTo8(start);
        if (!UserData.IsEmpty)
        {
            WriteBytes(ref writer, PropUserData, UserData.Span);
        }

        if (!Continuation.IsEmpty)
        {
            WriteBytes(ref writer, PropContinuation, Continuation.Span);
        }
    }

    internal static NxPacketIn2 Read(ref SpanReader body)
    {
        var packetIn = new NxPacketIn2();
        while (!body.IsEmpty)
        {
            var type = body.U16();
            var length = body.U16();
            if (length < 4)
            {
                throw new OfpDecodeException(OfpDecodeError.BadLength, $"packet_in2 property length {length}");
            }

            var value = body.Sub(length - 4);
            body.Skip(Math.Min(body.Remaining, Pad.To8(length) - length));
            packetIn = type switch
            {
                PropPacket => packetIn with { Packet = ValueArray.Create(value.Rest) },
                PropFullLength => packetIn with { FullLength = value.U32() },
                PropBufferId => packetIn with { BufferId = value.U32() },
                PropTableId => packetIn with { TableId = value.U8() },
                PropCookie => packetIn with { Cookie = ReadU64(ref value) },
                PropReason => packetIn with { Reason = (PacketInReason)value.U8() },
                PropMetadata => packetIn with { Metadata = Match.ReadOxms(ref value) },
                PropUserData => packetIn with { UserData = ValueArray.Create(value.Rest) },
                PropContinuation => packetIn with { Continuation = ValueArray.Create(value.Rest) },
                _ => packetIn, // unknown properties are informational
            };
        }

        return packetIn;
    }

    private static ulong ReadU64(ref SpanReader value)
    {
        // ofp-prop.c aligns 64-bit values: 4 pad bytes after the property header.
        if (value.Remaining == 12)
        {
            value.Skip(4);
        }

        return value.U64();
    }

    private static void WriteBytes(ref SpanWriter writer, ushort type, ReadOnlySpan<byte> bytes)
    {
        var start = writer.Position;
        writer.U16(type);
        writer.U16((ushort)(4 + bytes.Length));
        writer.Bytes(bytes);
        writer.PadTo8(start);
    }
}
