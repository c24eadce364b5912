using System.Buffers.Binary;

namespace Wyvern.OpenFlow.Encoding;

/// <summary>
/// Big-endian writer over a span whose size the caller computed beforehand
/// (every codec knows its exact length, so nothing is patched or reallocated).
/// </summary>
internal ref struct SpanWriter
{
    private readonly Span<byte> _span;
    private int _position;

    public SpanWriter(Span<byte> span)
    {
        _span = span;
        _position = 0;
    }

    public readonly int Position => _position;

    public void U8(byte value) => _span[_position++] = value;

    public void U16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_span[_position..], value);
        _position += 2;
    }

    public void U32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_span[_position..], value);
        _position += 4;
    }

    public void U64(ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(_span[_position..], value);
        _position += 8;
    }

    /// <summary>Writes the low <paramref name="width"/> bytes of <paramref name="value"/>, big-endian.</summary>
    public void UInt(UInt128 value, int width)
    {
        for (var i = width - 1; i >= 0; i--)
        {
            _span[_position + i] = (byte)value;
            value >>= 8;
        }

        _position += width;
    }

    public void Bytes(scoped ReadOnlySpan<byte> value)
    {
        value.CopyTo(_span[_position..]);
        _position += value.Length;
    }

    public void Zeros(int count)
    {
        _span.Slice(_position, count).Clear();
        _position += count;
    }

    /// <summary>Zero bytes up to the next multiple of 8 counted from <paramref name="start"/>.</summary>
    public void PadTo8(int start) => Zeros(Pad.To8(_position - start) - (_position - start));
}
