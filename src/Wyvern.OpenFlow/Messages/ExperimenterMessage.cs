using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>
/// OF 1.3.5 §7.5.4 ofp_experimenter_header: experimenter(4) exp_type(4) data, for
/// experimenters and types this codec does not model (Nicira messages such as
/// NXT_PACKET_IN2 included). Round-trips.
/// </summary>
public sealed record ExperimenterMessage(uint Experimenter, uint ExpType, ValueArray<byte> Data = default) : OfpMessage
{
    public override OfpType Type => OfpType.Experimenter;

    public override int BodyLength => 8 + Data.Count;

    internal override void WriteBody(ref SpanWriter writer, uint xid)
    {
        writer.U32(Experimenter);
        writer.U32(ExpType);
        writer.Bytes(Data.Span);
    }
}
