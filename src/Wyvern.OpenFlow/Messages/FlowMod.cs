using Wyvern.OpenFlow.Encoding;
using Wyvern.OpenFlow.Instructions;
using Wyvern.OpenFlow.Matching;

namespace Wyvern.OpenFlow.Messages;

/// <summary>
/// OF 1.3.5 §7.3.4.1 ofp_flow_mod: header(8) cookie(8) cookie_mask(8) table_id(1)
/// command(1) idle_timeout(2) hard_timeout(2) priority(2) buffer_id(4) out_port(4)
/// out_group(4) flags(2) pad(2) match(ofp_match, padded) instructions.
/// </summary>
public sealed record FlowMod : OfpMessage
{
    public ulong Cookie { get; init; }

    /// <summary>For modify/delete: which cookie bits must match (0: any cookie).</summary>
    public ulong CookieMask { get; init; }

    public byte TableId { get; init; }

    public FlowModCommand Command { get; init; }

    public ushort IdleTimeout { get; init; }

    public ushort HardTimeout { get; init; }

    public ushort Priority { get; init; } = 0x8000;

    public uint BufferId { get; init; } = OfpPort.NoBufferId;

    /// <summary>For delete: only flows that output to this port (OFPP_ANY: no restriction).</summary>
    public uint OutPort { get; init; } = OfpPort.Any;

    /// <summary>For delete: only flows that output to this group (OFPG_ANY: no restriction).</summary>
    public uint OutGroup { get; init; } = OfpPort.AnyGroup;

    public FlowModFlags Flags { get; init; }

    public Match Match { get; init; }

    public ValueArray<OfpInstruction> Instructions { get; init; }

    public override OfpType Type => OfpType.FlowMod;

    public override int BodyLength => 40 + Match.EncodedLength + OfpInstruction.ListLength(Instructions);

    internal override void WriteBody(ref SpanWriter writer, uint xid)
    {
        writer.U64(Cookie);
        writer.U64(CookieMask);
        writer.U8(TableId);
        writer.U8((byte)Command);
        writer.U16(IdleTimeout);
        writer.U16(HardTimeout);
        writer.U16(Priority);
        writer.U32(BufferId);
        writer.U32(OutPort);
        writer.U32(OutGroup);
        writer.U16((ushort)Flags);
        writer.Zeros(2);
        Match.Write(ref writer);
        OfpInstruction.WriteList(ref writer, Instructions);
    }

    internal static FlowMod Read(ref SpanReader body)
    {
        var flowMod = new FlowMod
        {
            Cookie = body.U64(),
            CookieMask = body.U64(),
            TableId = body.U8(),
            Command = (FlowModCommand)body.U8(),
            IdleTimeout = body.U16(),
            HardTimeout = body.U16(),
            Priority = body.U16(),
            BufferId = body.U32(),
            OutPort = body.U32(),
            OutGroup = body.U32(),
            Flags = (FlowModFlags)body.U16(),
        };
        body.Skip(2);
        var match = Match.Read(ref body);
        var instructions = InstructionReader.ReadList(ref body, body.Remaining);
        return flowMod with { Match = match, Instructions = instructions };
    }
}
