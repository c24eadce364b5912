using System.Buffers.Binary;

namespace Wyvern.OpenFlow;

/// <summary>
/// OF 1.3.5 §7.1.1 ofp_header: version(1) type(1) length(2) xid(4). Every
/// message starts with it; length counts the header.
/// </summary>
public readonly record struct OfpHeader(byte Version, OfpType Type, ushort Length, uint Xid)
{
    /// <summary>Size of the header on the wire.</summary>
    public const int Size = 8;

    /// <summary>The wire version of OpenFlow 1.3.</summary>
    public const byte Version13 = 0x04;

    /// <summary>Reads a header from the first 8 bytes; false if fewer are given.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out OfpHeader header)
    {
        if (bytes.Length < Size)
        {
            header = default;
            return false;
        }

        header = new OfpHeader(
            bytes[0],
            (OfpType)bytes[1],
            BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(bytes[4..]));
        return true;
    }

    /// <summary>Writes the header into the first 8 bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        destination[0] = Version;
        destination[1] = (byte)Type;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Xid);
    }
}
