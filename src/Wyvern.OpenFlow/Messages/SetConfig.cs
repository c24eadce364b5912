using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>OF 1.3.5 §7.3.2 ofp_switch_config (OFPT_SET_CONFIG): flags(2) miss_send_len(2).</summary>
public sealed record SetConfig(ushort Flags = 0, ushort MissSendLength = OfpPort.NoBuffer) : OfpMessage
{
    public override OfpType Type => OfpType.SetConfig;

    public override int BodyLength => 4;

    internal override void WriteBody(ref SpanWriter writer, uint xid)
    {
        writer.U16(Flags);
        writer.U16(MissSendLength);
    }
}
