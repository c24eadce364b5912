using System.Buffers.Binary;

namespace Wyvern.OpenFlow.Encoding;

/// <summary>
/// Big-endian reader that checks every read against the remaining bytes and
/// reports a short buffer as <see cref="OfpDecodeError.Truncated"/>, never as
/// an index exception.
/// </summary>
internal ref struct SpanReader
{
    private readonly ReadOnlySpan<byte> _span;
    private int _position;

    public SpanReader(ReadOnlySpan<byte> span)
    {
        _span = span;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly int Remaining => _span.Length - _position;

    public readonly bool IsEmpty => _position >= _span.Length;

    public readonly ReadOnlySpan<byte> Rest => _span[_position..];

    public byte U8()
    {
        Need(1);
        return _span[_position++];
    }

    public ushort U16()
    {
        Need(2);
        var value = BinaryPrimitives.ReadUInt16BigEndian(_span[_position..]);
        _position += 2;
        return value;
    }

    public uint U32()
    {
        Need(4);
        var value = BinaryPrimitives.ReadUInt32BigEndian(_span[_position..]);
        _position += 4;
        return value;
    }

    public ulong U64()
    {
        Need(8);
        var value = BinaryPrimitives.ReadUInt64BigEndian(_span[_position..]);
        _position += 8;
        return value;
    }

    /// <summary>Reads a big-endian unsigned integer of 1 to 16 bytes.</summary>
    public UInt128 UInt(int width)
    {
        Need(width);
        UInt128 value = 0;
        for (var i = 0; i < width; i++)
        {
            value = (value << 8) | _span[_position + i];
        }

        _position += width;
        return value;
    }

    public ReadOnlySpan<byte> Bytes(int count)
    {
        Need(count);
        var value = _span.Slice(_position, count);
        _position += count;
        return value;
    }

    public void Skip(int count)
    {
        Need(count);
        _position += count;
    }

    /// <summary>A reader over the next <paramref name="count"/> bytes; this reader moves past them.</summary>
    public SpanReader Sub(int count) => new(Bytes(count));

    /// <summary>Peeks a big-endian u16 at <paramref name="offset"/> from the current position.</summary>
    public readonly ushort PeekU16(int offset = 0)
    {
        if (offset + 2 > Remaining)
        {
            throw new OfpDecodeException(OfpDecodeError.Truncated, $"need {offset + 2} bytes at offset {_position}, have {Remaining}");
        }

        return BinaryPrimitives.ReadUInt16BigEndian(_span[(_position + offset)..]);
    }

    private readonly void Need(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new OfpDecodeException(OfpDecodeError.Truncated, $"need {count} bytes at offset {_position}, have {Remaining}");
        }
    }
}
