using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>
/// OF 1.3.5 §7.3.5 ofp_multipart_reply: type(2) flags(2, bit 0 OFPMPF_REPLY_MORE) pad(4) body.
/// A dump is complete at the first reply of its xid without <see cref="More"/>.
/// </summary>
public abstract record MultipartReply : OfpMessage
{
    /// <summary>OFPMPF_REPLY_MORE: more replies with the same xid follow.</summary>
    public bool More { get; init; }

    /// <summary>Which statistics.</summary>
    public abstract MultipartType MultipartType { get; }

    public sealed override OfpType Type => OfpType.MultipartReply;

    public sealed override int BodyLength => 8 + PayloadLength;

    internal abstract int PayloadLength { get; }

    internal abstract void WritePayload(ref SpanWriter writer);

    internal sealed override void WriteBody(ref SpanWriter writer, uint xid)
    {
        writer.U16((ushort)MultipartType);
        writer.U16(More ? (ushort)1 : (ushort)0);
        writer.Zeros(4);
        WritePayload(ref writer);
    }
}
