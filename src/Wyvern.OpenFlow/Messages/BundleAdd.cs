using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>
/// ONF bundle extension for OF 1.3: OFPT_EXPERIMENTER experimenter=0x4f4e4600(4)
/// exp_type=2301 ONFT_BUNDLE_ADD_MESSAGE(4) bundle_id(4) pad(2) flags(2) message
/// properties. The inner message is written with this message's xid, because
/// Open vSwitch rejects a differing one (ONFBFC_MSG_BAD_XID).
/// </summary>
public sealed record BundleAdd(uint BundleId, OfpMessage Message, BundleFlags Flags = BundleFlags.Atomic | BundleFlags.Ordered, ValueArray<byte> Properties = default) : OfpMessage
{
    public override OfpType Type => OfpType.Experimenter;

    public override int BodyLength => 16 + Message.EncodedLength + Properties.Count;

    internal override void WriteBody(ref SpanWriter writer, uint xid)
    {
        writer.U32(BundleControl.OnfExperimenterId);
        writer.U32(BundleControl.ExpTypeAdd);
        writer.U32(BundleId);
        writer.Zeros(2);
        writer.U16((ushort)Flags);
        Message.WriteMessage(ref writer, xid);
        writer.Bytes(Properties.Span);
    }

    internal static BundleAdd Read(ref SpanReader body)
    {
        var id = body.U32();
        body.Skip(2);
        var flags = (BundleFlags)body.U16();
        if (!OfpHeader.TryRead(body.Rest, out var inner))
        {
            throw new OfpDecodeException(OfpDecodeError.Truncated, "bundle add without an inner message header");
        }

        var message = OfpMessageDecoder.Decode(body.Bytes(inner.Length));
        return new BundleAdd(id, message, flags, ValueArray.Create(body.Rest));
    }
}
