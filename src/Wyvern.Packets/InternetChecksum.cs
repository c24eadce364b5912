using System.Buffers.Binary;

namespace Wyvern.Packets;

/// <summary>The ones'-complement Internet checksum (RFC 1071), incremental over several spans.</summary>
public struct InternetChecksum
{
    private ulong _sum;
    private bool _odd;

    /// <summary>Adds bytes; an odd trailing byte is paired with the first byte of the next span.</summary>
    public void Add(ReadOnlySpan<byte> data)
    {
        var i = 0;
        if (_odd && data.Length > 0)
        {
            _sum += data[0];
            i = 1;
            _odd = false;
        }
        for (; i + 1 < data.Length; i += 2)
        {
            _sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }
        if (i < data.Length)
        {
            _sum += (ulong)data[i] << 8;
            _odd = true;
        }
    }

    /// <summary>Adds a 16-bit word.</summary>
    public void Add(ushort word) => _sum += word;

    /// <summary>The folded, complemented checksum.</summary>
    public readonly ushort Result
    {
        get
        {
            var s = _sum;
            while (s >> 16 != 0)
            {
                s = (s & 0xffff) + (s >> 16);
            }
            return (ushort)~s;
        }
    }

    /// <summary>Checksum of one span.</summary>
    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        var c = new InternetChecksum();
        c.Add(data);
        return c.Result;
    }
}
