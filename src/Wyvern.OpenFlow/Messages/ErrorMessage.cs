using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>
/// OF 1.3.5 §7.4.4 ofp_error_msg: type(2) code(2) data (usually the first 64
/// bytes of the request that failed). For type 0xffff (OFPET_EXPERIMENTER,
/// ofp_error_experimenter_msg) the code is exp_type and a 4-byte experimenter id
/// precedes the data; Open vSwitch and the ONF bundle extension report their errors that way.
/// </summary>
public sealed record ErrorMessage(ushort ErrorType, ushort Code, ValueArray<byte> Data = default, uint Experimenter = 0) : OfpMessage
{
    /// <summary>OFPET_EXPERIMENTER.</summary>
    public const ushort ExperimenterType = 0xffff;

    public override OfpType Type => OfpType.Error;

    public override int BodyLength => 4 + (ErrorType == ExperimenterType ? 4 : 0) + Data.Count;

    /// <summary>The spec's name of the error, for example "OFPBRC_BAD_LEN" or "OFPET_BAD_MATCH(12)".</summary>
    public string Name => OfpErrorNames.Describe(ErrorType, Code, Experimenter);

    /// <summary>The xid of the failed request, read from the echoed header in <see cref="Data"/>, if present.</summary>
    public uint? FailedXid => OfpHeader.TryRead(Data.Span, out var header) ? header.Xid : null;

    public override string ToString() => $"OFPT_ERROR {Name} xid={Xid}";

    internal override void WriteBody(ref SpanWriter writer, uint xid)
    {
        writer.U16(ErrorType);
        writer.U16(Code);
        if (ErrorType == ExperimenterType)
        {
            writer.U32(Experimenter);
        }

        writer.Bytes(Data.Span);
    }

    internal static ErrorMessage Read(ref SpanReader body)
    {
        var type = body.U16();
        var code = body.U16();
        var experimenter = type == ExperimenterType ? body.U32() : 0;
        return new ErrorMessage(type, code, ValueArray.Create(body.Rest), experimenter);
    }
}
