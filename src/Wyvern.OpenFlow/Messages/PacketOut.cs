using Wyvern.OpenFlow.Actions;
using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>
/// OF 1.3.5 §7.3.7 ofp_packet_out: buffer_id(4) in_port(4) actions_len(2) pad(6)
/// actions data (data only when buffer_id is OFP_NO_BUFFER).
/// </summary>
public sealed record PacketOut(
    uint InPort,
    ValueArray<OfpAction> Actions,
    ValueArray<byte> Data,
    uint BufferId = OfpPort.NoBufferId) : OfpMessage
{
    public override OfpType Type => OfpType.PacketOut;

    public override int BodyLength => 16 + OfpAction.ListLength(Actions) + Data.Count;

    internal override void WriteBody(ref SpanWriter writer, uint xid)
    {
        writer.U32(BufferId);
        writer.U32(InPort);
        writer.U16((ushort)OfpAction.ListLength(Actions));
        writer.Zeros(6);
        OfpAction.WriteList(ref writer, Actions);
        writer.Bytes(Data.Span);
    }

    internal static PacketOut Read(ref SpanReader body)
    {
        var bufferId = body.U32();
        var inPort = body.U32();
        var actionsLength = body.U16();
        body.Skip(6);
        var actions = ActionReader.ReadList(ref body, actionsLength);
        return new PacketOut(inPort, actions, ValueArray.Create(body.Rest), bufferId);
    }
}
