using System.Net;
using System.Net.Sockets;

namespace Wyvern.OpenFlow.Matching;

/// <summary>Typed constructors for the fields the pipeline uses.</summary>
public readonly partial struct MatchField
{
    public static MatchField InPort(uint port) => Create(OxmField.InPort, port);

    public static MatchField Metadata(ulong value) => Create(OxmField.Metadata, value);

    public static MatchField Metadata(ulong value, ulong mask) => Create(OxmField.Metadata, value, mask);

    public static MatchField EthSrc(MacAddress mac) => Create(OxmField.EthSrc, mac.Value);

    public static MatchField EthSrc(MacAddress mac, MacAddress mask) => Create(OxmField.EthSrc, mac.Value, mask.Value);

    public static MatchField EthDst(MacAddress mac) => Create(OxmField.EthDst, mac.Value);

    public static MatchField EthDst(MacAddress mac, MacAddress mask) => Create(OxmField.EthDst, mac.Value, mask.Value);

    public static MatchField EthType(ushort etherType) => Create(OxmField.EthType, etherType);

    /// <summary>vlan_vid: pass the VID ORed with 0x1000 (OFPVID_PRESENT) to match a tagged packet, 0 for untagged.</summary>
    public static MatchField VlanVid(ushort vid) => Create(OxmField.VlanVid, vid);

    public static MatchField VlanVid(ushort vid, ushort mask) => Create(OxmField.VlanVid, vid, mask);

    public static MatchField VlanPcp(byte pcp) => Create(OxmField.VlanPcp, pcp);

    public static MatchField IpProto(byte protocol) => Create(OxmField.IpProto, protocol);

    public static MatchField IpDscp(byte dscp) => Create(OxmField.IpDscp, dscp);

    public static MatchField IpTtl(byte ttl) => Create(OxmField.IpTtl, ttl);

    public static MatchField Ipv4Src(IPAddress address) => Create(OxmField.Ipv4Src, V4(address));

    public static MatchField Ipv4Src(IPAddress address, int prefixLength) => Create(OxmField.Ipv4Src, V4(address), PrefixMask(prefixLength, 4));

    public static MatchField Ipv4Dst(IPAddress address) => Create(OxmField.Ipv4Dst, V4(address));

    public static MatchField Ipv4Dst(IPAddress address, int prefixLength) => Create(OxmField.Ipv4Dst, V4(address), PrefixMask(prefixLength, 4));

    public static MatchField Ipv6Src(IPAddress address) => Create(OxmField.Ipv6Src, V6(address));

    public static MatchField Ipv6Src(IPAddress address, int prefixLength) => Create(OxmField.Ipv6Src, V6(address), PrefixMask(prefixLength, 16));

    public static MatchField Ipv6Dst(IPAddress address) => Create(OxmField.Ipv6Dst, V6(address));

    public static MatchField Ipv6Dst(IPAddress address, int prefixLength) => Create(OxmField.Ipv6Dst, V6(address), PrefixMask(prefixLength, 16));

    public static MatchField TcpSrc(ushort port) => Create(OxmField.TcpSrc, port);

    public static MatchField TcpDst(ushort port) => Create(OxmField.TcpDst, port);

    public static MatchField UdpSrc(ushort port) => Create(OxmField.UdpSrc, port);

    public static MatchField UdpDst(ushort port) => Create(OxmField.UdpDst, port);

    public static MatchField Icmpv4Type(byte type) => Create(OxmField.Icmpv4Type, type);

    public static MatchField Icmpv4Code(byte code) => Create(OxmField.Icmpv4Code, code);

    public static MatchField Icmpv6Type(byte type) => Create(OxmField.Icmpv6Type, type);

    public static MatchField Icmpv6Code(byte code) => Create(OxmField.Icmpv6Code, code);

    public static MatchField ArpOp(ushort op) => Create(OxmField.ArpOp, op);

    public static MatchField ArpSpa(IPAddress address) => Create(OxmField.ArpSpa, V4(address));

    public static MatchField ArpTpa(IPAddress address) => Create(OxmField.ArpTpa, V4(address));

    public static MatchField ArpSha(MacAddress mac) => Create(OxmField.ArpSha, mac.Value);

    public static MatchField ArpTha(MacAddress mac) => Create(OxmField.ArpTha, mac.Value);

    public static MatchField NdTarget(IPAddress address) => Create(OxmField.Ipv6NdTarget, V6(address));

    public static MatchField NdSll(MacAddress mac) => Create(OxmField.Ipv6NdSll, mac.Value);

    public static MatchField NdTll(MacAddress mac) => Create(OxmField.Ipv6NdTll, mac.Value);

    public static MatchField TunnelId(ulong id) => Create(OxmField.TunnelId, id);

    public static MatchField TunIpv4Src(IPAddress address) => Create(OxmField.TunIpv4Src, V4(address));

    public static MatchField TunIpv4Dst(IPAddress address) => Create(OxmField.TunIpv4Dst, V4(address));

    /// <summary>reg0 … reg15 (32 bits each).</summary>
    public static MatchField Reg(int index, uint value) => Create(RegField(index), value);

    public static MatchField Reg(int index, uint value, uint mask) => Create(RegField(index), value, mask);

    /// <summary>xreg0 … xreg7 (64 bits; xregN overlays reg2N:reg2N+1).</summary>
    public static MatchField Xreg(int index, ulong value) => Create(XregField(index), value);

    public static MatchField PktMark(uint mark) => Create(OxmField.PktMark, mark);

    public static MatchField CtState(CtStateFlags value, CtStateFlags mask) => Create(OxmField.CtState, (uint)value, (uint)mask);

    public static MatchField CtZone(ushort zone) => Create(OxmField.CtZone, zone);

    public static MatchField CtMark(uint mark) => Create(OxmField.CtMark, mark);

    public static MatchField CtMark(uint mark, uint mask) => Create(OxmField.CtMark, mark, mask);

    public static MatchField CtLabel(UInt128 label) => Create(OxmField.CtLabel, label);

    public static MatchField CtLabel(UInt128 label, UInt128 mask) => Create(OxmField.CtLabel, label, mask);

    public static MatchField CtNwSrc(IPAddress address) => Create(OxmField.CtNwSrc, V4(address));

    public static MatchField CtNwDst(IPAddress address) => Create(OxmField.CtNwDst, V4(address));

    /// <summary>The field id of regN.</summary>
    public static OxmField RegField(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, 15);
        return (OxmField)((uint)OxmField.Reg0 + ((uint)index << 9));
    }

    /// <summary>The field id of xregN.</summary>
    public static OxmField XregField(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, 7);
        return (OxmField)((uint)OxmField.Xreg0 + ((uint)index << 9));
    }

    /// <summary>A mask with the top <paramref name="prefixLength"/> bits set over <paramref name="width"/> bytes.</summary>
    public static UInt128 PrefixMask(int prefixLength, int width)
    {
        var bits = width * 8;
        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, bits);
        return prefixLength == 0 ? 0 : FullMask(width) & ~((UInt128.One << (bits - prefixLength)) - 1);
    }

    /// <summary>An IPv4 address as a 32-bit number.</summary>
    public static uint V4(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"{address} is not IPv4", nameof(address));
        }

        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    /// <summary>An IPv6 address as a 128-bit number.</summary>
    public static UInt128 V6(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            throw new ArgumentException($"{address} is not IPv6", nameof(address));
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }
}
