using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>nicira-ext.h NXPIF_*: which message the switch uses for packet-ins on this connection.</summary>
public enum NxPacketInFormat : uint
{
    /// <summary>OFPT_PACKET_IN of the negotiated version (default).</summary>
    Standard = 0,

    /// <summary>NXT_PACKET_IN (legacy Nicira).</summary>
    NxtPacketIn = 1,

    /// <summary>NXT_PACKET_IN2: carries controller2 userdata and the full pipeline metadata.</summary>
    NxtPacketIn2 = 2,
}

/// <summary>
/// NXT_SET_PACKET_IN_FORMAT (nicira-ext.h): OFPT_EXPERIMENTER vendor=0x00002320(4)
/// subtype=16(4) format(4). Needed to receive controller2 userdata in OF 1.3.
/// </summary>
public sealed record NxSetPacketInFormat(NxPacketInFormat Format) : OfpMessage
{
    /// <summary>NX vendor id.</summary>
    public const uint NiciraVendorId = 0x0000_2320;

    /// <summary>NXT_SET_PACKET_IN_FORMAT.</summary>
    public const uint Subtype = 16;

    public override OfpType Type => OfpType.Experimenter;

    public override int BodyLength => 12;

    internal override void WriteBody(ref SpanWriter writer, uint xid)
    {
        writer.U32(NiciraVendorId);
        writer.U32(Subtype);
        writer.U32((uint)Format);
    }
}
