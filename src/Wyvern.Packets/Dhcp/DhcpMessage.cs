using System.Buffers.Binary;
using System.Net;

namespace Wyvern.Packets.Dhcp;

/// <summary>
/// RFC 2131 §2 DHCP message: op(1) htype(1) hlen(1) hops(1) xid(4) secs(2)
/// flags(2) ciaddr(4) yiaddr(4) siaddr(4) giaddr(4) chaddr(16) sname(64)
/// file(128) magic cookie(4)=99.130.83.99 options(variable, ends with 255).
/// </summary>
public sealed record DhcpMessage(
    byte Op,
    uint TransactionId,
    ushort Flags,
    IPAddress ClientIp,
    IPAddress YourIp,
    IPAddress ServerIp,
    IPAddress RelayIp,
    MacAddress ClientMac,
    IReadOnlyList<DhcpOption> Options)
{
    /// <summary>op for client → server messages.</summary>
    public const byte BootRequest = 1;

    /// <summary>op for server → client messages.</summary>
    public const byte BootReply = 2;

    /// <summary>The BROADCAST flag (RFC 2131 §2, figure 2).</summary>
    public const ushort BroadcastFlag = 0x8000;

    private const int FixedLength = 236;
    private const uint MagicCookie = 0x63825363;

    /// <summary>BOOTP's minimum message size (RFC 1542 §2.1); replies are padded to it.</summary>
    public const int MinimumLength = 300;

    /// <summary>Option 53, or null when absent (plain BOOTP).</summary>
    public DhcpMessageType? MessageType =>
        Find(DhcpOptionCode.MessageType) is { Value.Length: 1 } o ? (DhcpMessageType)o.Value[0] : null;

    /// <summary>Option 50, the address a client asks for.</summary>
    public IPAddress? RequestedIp => Find(DhcpOptionCode.RequestedIpAddress) is { Value.Length: 4 } o ? new IPAddress(o.Value) : null;

    /// <summary>Option 54, the server a client chose.</summary>
    public IPAddress? ServerIdentifier => Find(DhcpOptionCode.ServerIdentifier) is { Value.Length: 4 } o ? new IPAddress(o.Value) : null;

    /// <summary>The first option with <paramref name="code"/>, or null.</summary>
    public DhcpOption? Find(DhcpOptionCode code) => Options.FirstOrDefault(o => o.Code == (byte)code);

    /// <summary>Parses a DHCP message (the UDP payload).</summary>
    public static DhcpMessage Parse(ReadOnlySpan<byte> m)
    {
        MalformedPacketException.ThrowIfShort(m, FixedLength + 4, "DHCP message");
        if (m[1] != 1 || m[2] != 6)
        {
            throw new MalformedPacketException($"DHCP message: hardware type {m[1]} length {m[2]}, expected Ethernet");
        }
        if (BinaryPrimitives.ReadUInt32BigEndian(m[FixedLength..]) != MagicCookie)
        {
            throw new MalformedPacketException("DHCP message: missing magic cookie");
        }
        var options = new List<DhcpOption>();
        var i = FixedLength + 4;
        while (i < m.Length)
        {
            var code = m[i++];
            if (code == (byte)DhcpOptionCode.Pad)
            {
                continue;
            }
            if (code == (byte)DhcpOptionCode.End)
            {
                break;
            }
            if (i >= m.Length || i + 1 + m[i] > m.Length)
            {
                throw new MalformedPacketException($"DHCP message: option {code} runs past the end");
            }
            var len = m[i++];
            options.Add(new DhcpOption(code, m.Slice(i, len).ToArray()));
            i += len;
        }
        return new DhcpMessage(
            m[0],
            BinaryPrimitives.ReadUInt32BigEndian(m[4..]),
            BinaryPrimitives.ReadUInt16BigEndian(m[10..]),
            new IPAddress(m.Slice(12, 4)),
            new IPAddress(m.Slice(16, 4)),
            new IPAddress(m.Slice(20, 4)),
            new IPAddress(m.Slice(24, 4)),
            MacAddress.Read(m[28..]),
            options);
    }

    /// <summary>Bytes needed by <see cref="Write"/>.</summary>
    public int Size => Math.Max(MinimumLength, FixedLength + 4 + Options.Sum(o => 2 + o.Value.Length) + 1);

    /// <summary>Writes the message, padded to <see cref="MinimumLength"/>; returns the bytes written.</summary>
    public int Write(Span<byte> d)
    {
        var size = Size;
        d[..size].Clear();
        d[0] = Op;
        d[1] = 1;
        d[2] = 6;
        BinaryPrimitives.WriteUInt32BigEndian(d[4..], TransactionId);
        BinaryPrimitives.WriteUInt16BigEndian(d[10..], Flags);
        ClientIp.TryWriteBytes(d[12..], out _);
        YourIp.TryWriteBytes(d[16..], out _);
        ServerIp.TryWriteBytes(d[20..], out _);
        RelayIp.TryWriteBytes(d[24..], out _);
        ClientMac.Write(d[28..]);
        BinaryPrimitives.WriteUInt32BigEndian(d[FixedLength..], MagicCookie);
        var i = FixedLength + 4;
        foreach (var o in Options)
        {
            if (o.Value.Length > 255)
            {
                throw new ArgumentException($"DHCP option {o.Code} is {o.Value.Length} bytes; the limit is 255");
            }
            d[i++] = o.Code;
            d[i++] = (byte)o.Value.Length;
            o.Value.CopyTo(d[i..]);
            i += o.Value.Length;
        }
        d[i] = (byte)DhcpOptionCode.End;
        return size;
    }
}
