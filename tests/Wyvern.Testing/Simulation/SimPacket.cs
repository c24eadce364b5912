using System.Buffers.Binary;
using Wyvern.OpenFlow.Matching;
using Wyvern.Packets;

namespace Wyvern.Testing.Simulation;

/// <summary>
/// A packet as the simulator sees it: the header fields OpenFlow can match
/// (present only when the frame has that header) and the pipeline fields
/// (in_port, metadata, registers, tunnel, conntrack), which always exist and
/// start at zero. <c>xregN</c> is <c>reg2N</c> (high) and <c>reg2N+1</c> (low), as in OVS.
/// </summary>
public sealed class SimPacket
{
    private readonly Dictionary<OxmField, UInt128> _fields;

    private SimPacket(Dictionary<OxmField, UInt128> fields, byte[] frame)
    {
        _fields = fields;
        Frame = frame;
    }

    /// <summary>The frame the packet started as (header rewrites are in the fields, not here).</summary>
    public byte[] Frame { get; }

    /// <summary>Parses <paramref name="frame"/> arriving on <paramref name="inPort"/>.</summary>
    public static SimPacket FromFrame(uint inPort, byte[] frame, ulong tunnelId = 0, uint tunnelSource = 0)
    {
        var f = new Dictionary<OxmField, UInt128>
        {
            [OxmField.InPort] = inPort,
            [OxmField.TunnelId] = tunnelId,
            [OxmField.TunIpv4Src] = tunnelSource,
        };
        var view = FrameView.Parse(frame);
        f[OxmField.EthDst] = view.Ethernet.Destination.Value;
        f[OxmField.EthSrc] = view.Ethernet.Source.Value;
        f[OxmField.EthType] = (ushort)view.Ethernet.EtherType;
        f[OxmField.VlanVid] = view.Ethernet.VlanId is { } vid ? (ushort)(vid | 0x1000) : (ushort)0;
        if (view.Arp is { } arp)
        {
            f[OxmField.ArpOp] = arp.Operation;
            f[OxmField.ArpSha] = arp.SenderMac.Value;
            f[OxmField.ArpSpa] = V4(arp.SenderIp);
            f[OxmField.ArpTha] = arp.TargetMac.Value;
            f[OxmField.ArpTpa] = V4(arp.TargetIp);
        }
        if (view.Ipv4 is { } ip)
        {
            f[OxmField.Ipv4Src] = V4(ip.Source);
            f[OxmField.Ipv4Dst] = V4(ip.Destination);
            f[OxmField.IpProto] = (byte)ip.Protocol;
            f[OxmField.IpTtl] = ip.Ttl;
            f[OxmField.IpDscp] = (byte)(ip.Tos >> 2);
            if (view.Ports(frame) is { } ports)
            {
                var (src, dst) = ip.Protocol == IpProtocol.Tcp ? (OxmField.TcpSrc, OxmField.TcpDst) : (OxmField.UdpSrc, OxmField.UdpDst);
                f[src] = ports.Source;
                f[dst] = ports.Destination;
            }
            if (view.Icmp is { } icmp)
            {
                f[OxmField.Icmpv4Type] = icmp.Type;
                f[OxmField.Icmpv4Code] = icmp.Code;
            }
        }
        if (view.Ipv6 is { } ip6)
        {
            f[OxmField.Ipv6Src] = BinaryPrimitives.ReadUInt128BigEndian(ip6.Source.GetAddressBytes());
            f[OxmField.Ipv6Dst] = BinaryPrimitives.ReadUInt128BigEndian(ip6.Destination.GetAddressBytes());
            f[OxmField.IpProto] = (byte)ip6.NextHeader;
            f[OxmField.IpTtl] = ip6.HopLimit;
            if (view.Icmpv6 is { } icmp6)
            {
                f[OxmField.Icmpv6Type] = icmp6.Type;
                f[OxmField.Icmpv6Code] = icmp6.Code;
            }
            if (view.NdTarget is { } target)
            {
                f[OxmField.Ipv6NdTarget] = BinaryPrimitives.ReadUInt128BigEndian(target.GetAddressBytes());
            }
        }
        return new SimPacket(f, frame);
    }

    /// <summary>
    /// The packet as another switch receives it from a tunnel: the same
    /// headers, arriving on <paramref name="inPort"/> with this packet's
    /// tun_id and the sender's underlay address as tun_src; registers,
    /// metadata and conntrack state start fresh.
    /// </summary>
    public SimPacket ReceivedOnTunnel(uint inPort, uint sourceIp)
    {
        var f = _fields.Where(kv => !IsPipelineField(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
        f[OxmField.InPort] = inPort;
        f[OxmField.TunnelId] = Get(OxmField.TunnelId);
        f[OxmField.TunIpv4Src] = sourceIp;
        return new SimPacket(f, Frame);
    }

    /// <summary>True when the packet has <paramref name="field"/> (pipeline fields always do).</summary>
    public bool Has(OxmField field) => IsPipelineField(field) || _fields.ContainsKey(field);

    /// <summary>The value of <paramref name="field"/>; 0 for an unset pipeline field; throws for an absent header.</summary>
    public UInt128 Get(OxmField field)
    {
        if (XregIndex(field) is { } x)
        {
            return ((UInt128)(uint)Get(MatchField.RegField(2 * x)) << 32) | (uint)Get(MatchField.RegField((2 * x) + 1));
        }
        if (_fields.TryGetValue(field, out var v))
        {
            return v;
        }
        return IsPipelineField(field) ? UInt128.Zero : throw new InvalidOperationException($"packet has no {OxmFieldInfo.Name(field)}");
    }

    /// <summary>Reads the field as a number, or null when the packet lacks it.</summary>
    public ulong? this[OxmField field] => Has(field) ? (ulong)Get(field) : null;

    /// <summary>Writes <paramref name="field"/> (a header field the packet lacks is an error, as in OVS).</summary>
    public void Set(OxmField field, UInt128 value)
    {
        if (XregIndex(field) is { } x)
        {
            _fields[MatchField.RegField(2 * x)] = (uint)(value >> 32);
            _fields[MatchField.RegField((2 * x) + 1)] = (uint)value;
            return;
        }
        if (!Has(field))
        {
            throw new InvalidOperationException($"cannot set {OxmFieldInfo.Name(field)}: the packet has no such header");
        }
        _fields[field] = value & MatchField.FullMask(OxmFieldInfo.Width(field));
    }

    /// <summary>Removes a header field (pop_vlan).</summary>
    public void Clear(OxmField field) => _fields.Remove(field);

    /// <summary>An independent copy (outputs keep the packet as it was when output).</summary>
    public SimPacket Clone() => new(new Dictionary<OxmField, UInt128>(_fields), Frame);

    /// <summary>The fields (header and set pipeline fields), for messages.</summary>
    public override string ToString() =>
        string.Join(",", _fields.OrderBy(kv => OxmFieldInfo.Rank(kv.Key)).Select(kv => $"{OxmFieldInfo.Name(kv.Key)}=0x{kv.Value:x}"));

    private static bool IsPipelineField(OxmField field) =>
        field is OxmField.InPort or OxmField.Metadata or OxmField.TunnelId or OxmField.TunIpv4Src or OxmField.TunIpv4Dst
            or OxmField.CtState or OxmField.CtZone or OxmField.CtMark or OxmField.CtLabel or OxmField.PktMark or OxmField.ConjId
        || RegIndex(field) is not null || XregIndex(field) is not null;

    private static int? RegIndex(OxmField field)
    {
        for (var i = 0; i < 16; i++)
        {
            if (MatchField.RegField(i) == field)
            {
                return i;
            }
        }
        return null;
    }

    private static int? XregIndex(OxmField field)
    {
        for (var i = 0; i < 8; i++)
        {
            if (MatchField.XregField(i) == field)
            {
                return i;
            }
        }
        return null;
    }

    private static uint V4(System.Net.IPAddress a) => BinaryPrimitives.ReadUInt32BigEndian(a.GetAddressBytes());
}
