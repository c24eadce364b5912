using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>
/// ONF bundle extension for OF 1.3 (ONF EXT-230, as Open vSwitch implements it):
/// OFPT_EXPERIMENTER experimenter=0x4f4e4600(4) exp_type=2300 ONFT_BUNDLE_CONTROL(4)
/// bundle_id(4) type(2) flags(2) properties. Open, close, commit, discard and their replies.
/// </summary>
public sealed record BundleControl(uint BundleId, BundleControlType ControlType, BundleFlags Flags = BundleFlags.Atomic | BundleFlags.Ordered, ValueArray<byte> Properties = default) : OfpMessage
{
    /// <summary>The ONF experimenter id ("ONF\0").</summary>
    public const uint OnfExperimenterId = 0x4f4e4600;

    /// <summary>ONFT_BUNDLE_CONTROL.</summary>
    public const uint ExpTypeControl = 2300;

    /// <summary>ONFT_BUNDLE_ADD_MESSAGE.</summary>
    public const uint ExpTypeAdd = 2301;

    public override OfpType Type => OfpType.Experimenter;

    public override int BodyLength => 16 + Properties.Count;

    internal override void WriteBody(ref SpanWriter writer, uint xid)
    {
        writer.U32(OnfExperimenterId);
        writer.U32(ExpTypeControl);
        writer.U32(BundleId);
        writer.U16((ushort)ControlType);
        writer.U16((ushort)Flags);
        writer.Bytes(Properties.Span);
    }

    internal static BundleControl Read(ref SpanReader body)
    {
        var id = body.U32();
        var type = (BundleControlType)body.U16();
        var flags = (BundleFlags)body.U16();
        return new BundleControl(id, type, flags, ValueArray.Create(body.Rest));
    }
}
