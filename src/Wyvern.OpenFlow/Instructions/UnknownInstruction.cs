using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Instructions;

/// <summary>An instruction this codec does not model; <paramref name="Body"/> is everything after type and len, so it round-trips.</summary>
public sealed record UnknownInstruction(ushort Type, ValueArray<byte> Body) : OfpInstruction
{
    public override int EncodedLength => 4 + Body.Count;

    internal override void Write(ref SpanWriter writer)
    {
        writer.U16(Type);
        writer.U16((ushort)EncodedLength);
        writer.Bytes(Body.Span);
    }
}
