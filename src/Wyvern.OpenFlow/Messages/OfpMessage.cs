using System.Buffers;
using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>
/// An OpenFlow 1.3 message: ofp_header (OF 1.3.5 §7.1.1) plus a body. Each
/// subtype knows its exact encoded length, so encoding asks the buffer
/// writer for one span and writes straight into it (no allocation).
/// </summary>
public abstract record OfpMessage
{
    /// <summary>The transaction id; the channel assigns one when it is 0.</summary>
    public uint Xid { get; init; }

    /// <summary>The message type.</summary>
    public abstract OfpType Type { get; }

    /// <summary>The header version; always 0x04 except for HELLO, which may offer others.</summary>
    public virtual byte Version => OfpHeader.Version13;

    /// <summary>Body length in bytes (everything after the 8-byte header).</summary>
    public abstract int BodyLength { get; }

    /// <summary>Total length on the wire.</summary>
    public int EncodedLength => OfpHeader.Size + BodyLength;

    /// <summary>Encodes the message with its own <see cref="Xid"/>.</summary>
    public void Encode(IBufferWriter<byte> output) => Encode(output, Xid);

    /// <summary>Encodes the message with <paramref name="xid"/> in place of <see cref="Xid"/>.</summary>
    public void Encode(IBufferWriter<byte> output, uint xid)
    {
        ArgumentNullException.ThrowIfNull(output);
        var length = EncodedLength;
        var span = output.GetSpan(length);
        Write(span, xid, length);
        output.Advance(length);
    }

    /// <summary>Encodes into <paramref name="destination"/>; returns the bytes written.</summary>
    public int Encode(Span<byte> destination, uint xid)
    {
        var length = EncodedLength;
        Write(destination, xid, length);
        return length;
    }

    /// <summary>The encoded message as a new array (tests and tools; the hot path uses a buffer writer).</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[EncodedLength];
        Write(bytes, Xid, bytes.Length);
        return bytes;
    }

    internal abstract void WriteBody(ref SpanWriter writer, uint xid);

    internal void WriteMessage(ref SpanWriter writer, uint xid)
    {
        writer.U8(Version);
        writer.U8((byte)Type);
        writer.U16((ushort)EncodedLength);
        writer.U32(xid);
        WriteBody(ref writer, xid);
    }

    private void Write(Span<byte> destination, uint xid, int length)
    {
        if (length > ushort.MaxValue)
        {
            throw new InvalidOperationException($"{Type} would be {length} bytes, more than an OpenFlow message can hold");
        }

        var writer = new SpanWriter(destination[..length]);
        WriteMessage(ref writer, xid);
        if (writer.Position != length)
        {
            throw new InvalidOperationException($"{GetType().Name} wrote {writer.Position} bytes but announced {length}");
        }
    }
}
