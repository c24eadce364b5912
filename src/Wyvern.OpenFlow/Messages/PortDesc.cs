
using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>
/// OF 1.3.5 §7.2.1 ofp_port (64 bytes): port_no(4) pad(4) hw_addr(6) pad(2) name(16,
/// NUL-padded) config(4) state(4) curr(4) advertised(4) supported(4) peer(4)
/// curr_speed(4) max_speed(4).
/// </summary>
public sealed record PortDesc(
    uint PortNo,
    MacAddress HardwareAddress,
    string Name,
    uint Config = 0,
    uint State = 0,
    uint Current = 0,
    uint Advertised = 0,
    uint Supported = 0,
    uint Peer = 0,
    uint CurrentSpeed = 0,
    uint MaxSpeed = 0)
{
    /// <summary>Size on the wire.</summary>
    public const int Size = 64;

    /// <summary>OFPPS_LINK_DOWN.</summary>
    public bool IsLinkDown => (State & 1) != 0;

    internal void Write(ref SpanWriter writer)
    {
        writer.U32(PortNo);
        writer.Zeros(4);
        writer.UInt(HardwareAddress.Value, 6);
        writer.Zeros(2);
        Span<byte> name = stackalloc byte[16];
        name.Clear();
        System.Text.Encoding.ASCII.GetBytes(Name.AsSpan(0, Math.Min(Name.Length, 15)), name);
        writer.Bytes(name);
        writer.U32(Config);
        writer.U32(State);
        writer.U32(Current);
        writer.U32(Advertised);
        writer.U32(Supported);
        writer.U32(Peer);
        writer.U32(CurrentSpeed);
        writer.U32(MaxSpeed);
    }

    internal static PortDesc Read(ref SpanReader body)
    {
        var portNo = body.U32();
        body.Skip(4);
        var mac = new MacAddress((ulong)body.UInt(6));
        body.Skip(2);
        var nameBytes = body.Bytes(16);
        var end = nameBytes.IndexOf((byte)0);
        var name = System.Text.Encoding.ASCII.GetString(end < 0 ? nameBytes : nameBytes[..end]);
        return new PortDesc(portNo, mac, name, body.U32(), body.U32(), body.U32(), body.U32(), body.U32(), body.U32(), body.U32(), body.U32());
    }
}
