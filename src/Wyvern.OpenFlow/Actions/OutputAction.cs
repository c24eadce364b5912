using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Actions;

/// <summary>
/// OF 1.3.5 §7.2.5 ofp_action_output: type=0 len=16 port(4) max_len(2) pad(6).
/// <paramref name="MaxLength"/> matters only for <see cref="OfpPort.Controller"/>.
/// </summary>
public sealed record OutputAction(uint Port, ushort MaxLength = 0) : OfpAction
{
    /// <summary>Output to the controller with up to <paramref name="maxLength"/> bytes (0xffff: whole packet).</summary>
    public static OutputAction ToController(ushort maxLength = OfpPort.NoBuffer) => new(OfpPort.Controller, maxLength);

    public override int EncodedLength => 16;

    internal override void Write(ref SpanWriter writer)
    {
        writer.U16((ushort)OfpActionType.Output);
        writer.U16(16);
        writer.U32(Port);
        writer.U16(MaxLength);
        writer.Zeros(6);
    }

    internal static OutputAction Read(ref SpanReader body)
    {
        var port = body.U32();
        var maxLength = body.U16();
        return new OutputAction(port, maxLength);
    }
}
