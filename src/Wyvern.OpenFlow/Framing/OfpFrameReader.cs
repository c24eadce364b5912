using System.Buffers;

namespace Wyvern.OpenFlow.Framing;

/// <summary>
/// Cuts OpenFlow messages out of a byte stream. Incremental: it works on a
/// <see cref="ReadOnlySequence{T}"/> that may end anywhere (a pipe's buffer)
/// and consumes nothing until a whole message is there. Checks the header
/// (OF 1.3.5 §7.1.1): length ≥ 8, length ≤ the configured maximum, version
/// 0x04 (HELLO may carry another version, for negotiation §6.3.1).
/// </summary>
public sealed class OfpFrameReader
{
    /// <summary>A reader that accepts messages up to the protocol maximum of 65535 bytes.</summary>
    public OfpFrameReader(int maxFrameLength = ushort.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameLength, OfpHeader.Size);
        MaxFrameLength = maxFrameLength;
    }

    /// <summary>Largest frame accepted.</summary>
    public int MaxFrameLength { get; }

    /// <summary>
    /// Tries to cut one frame from the start of <paramref name="buffer"/>. On
    /// <see cref="OfpFrameStatus.Frame"/>, <paramref name="frame"/> is the message
    /// and <paramref name="buffer"/> is advanced past it.
    /// </summary>
    public OfpFrameStatus TryRead(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame, out OfpHeader header, out OfpDecodeError error)
    {
        frame = default;
        header = default;
        error = default;
        if (buffer.Length < OfpHeader.Size)
        {
            return OfpFrameStatus.NeedMoreData;
        }

        Span<byte> headerBytes = stackalloc byte[OfpHeader.Size];
        buffer.Slice(0, OfpHeader.Size).CopyTo(headerBytes);
        OfpHeader.TryRead(headerBytes, out header);
        if (header.Version != OfpHeader.Version13 && header.Type != OfpType.Hello)
        {
            error = OfpDecodeError.WrongVersion;
            return OfpFrameStatus.Error;
        }

        if (header.Length < OfpHeader.Size)
        {
            error = OfpDecodeError.BadLength;
            return OfpFrameStatus.Error;
        }

        if (header.Length > MaxFrameLength)
        {
            error = OfpDecodeError.Oversized;
            return OfpFrameStatus.Error;
        }

        if (buffer.Length < header.Length)
        {
            return OfpFrameStatus.NeedMoreData;
        }

        frame = buffer.Slice(0, header.Length);
        buffer = buffer.Slice(header.Length);
        return OfpFrameStatus.Frame;
    }
}
