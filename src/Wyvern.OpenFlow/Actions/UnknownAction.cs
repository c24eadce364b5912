using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Actions;

/// <summary>
/// An action this codec does not model (an unknown type, or an experimenter
/// action from an unknown vendor or subtype). <paramref name="Body"/> is
/// everything after type and len (for experimenters it starts with the
/// experimenter id), so it re-encodes to the same bytes.
/// </summary>
public sealed record UnknownAction(ushort Type, ValueArray<byte> Body) : OfpAction
{
    public override int EncodedLength => 4 + Body.Count;

    internal override void Write(ref SpanWriter writer)
    {
        writer.U16(Type);
        writer.U16((ushort)EncodedLength);
        writer.Bytes(Body.Span);
    }
}
