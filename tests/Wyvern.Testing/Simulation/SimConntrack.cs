using Wyvern.OpenFlow.Actions;
using Wyvern.OpenFlow.Matching;

namespace Wyvern.Testing.Simulation;

/// <summary>
/// A connection tracker for <see cref="FlowSimulator"/>, enough to check the
/// pipeline's use of <c>ct()</c>: connections per zone keyed by their
/// original 5-tuple, committed only by <c>ct(commit)</c>; state bits
/// <c>trk</c>, <c>new</c>, <c>est</c>, <c>rpl</c>, <c>snat</c>, <c>dnat</c>;
/// one-to-one address NAT (<c>nat(src=A)</c>, <c>nat(dst=A)</c>) fixed at commit
/// and applied to later packets of the connection in either direction, and a
/// bare <c>nat</c> that only applies an existing translation; <c>ct_mark</c> set
/// by <c>exec</c>. Not modelled: TCP state, related ICMP errors, ALGs, port NAT.
/// Persistent across traces, like the switch's.
/// </summary>
public sealed class SimConntrack
{
    private readonly Dictionary<(ushort Zone, Tuple Original), Connection> _byOriginal = [];
    private readonly Dictionary<(ushort Zone, Tuple Reply), Connection> _byReply = [];

    /// <summary>Committed connections.</summary>
    public int Count => _byOriginal.Count;

    /// <summary>Forgets every connection (as flushing conntrack does).</summary>
    public void Flush()
    {
        _byOriginal.Clear();
        _byReply.Clear();
    }

    /// <summary>Runs <paramref name="ct"/> on <paramref name="packet"/> (in place): state, NAT, commit.</summary>
    public void Execute(NxConntrackAction ct, SimPacket packet)
    {
        var zone = ct.ZoneField is { } zf ? (ushort)((packet.Get(zf.Field) >> zf.Offset) & 0xffff) : ct.Zone;
        packet.Set(OxmField.CtZone, zone);
        if (Tuple.Of(packet) is not { } tuple)
        {
            // Not IP: conntrack marks it tracked and invalid, like the kernel's.
            packet.Set(OxmField.CtState, (uint)(CtStateFlags.Tracked | CtStateFlags.Invalid));
            return;
        }
        var nat = ct.Actions.OfType<NxNatAction>().FirstOrDefault();
        var state = CtStateFlags.Tracked;
        var reply = false;
        if (!_byOriginal.TryGetValue((zone, tuple), out var conn) && _byReply.TryGetValue((zone, tuple), out conn))
        {
            reply = true;
        }
        if (conn is null)
        {
            state |= CtStateFlags.New;
            var translated = nat is { AddressMin: { } address } ? tuple.Translate(nat.Flags, address) : tuple;
            if (ct.Flags.HasFlag(NxConntrackFlags.Commit))
            {
                conn = new Connection(zone, tuple, translated.Reversed());
                _byOriginal[(zone, tuple)] = conn;
                _byReply[(zone, conn.Reply)] = conn;
                ApplyMark(ct, conn);
            }
            if (nat is not null && translated != tuple)
            {
                state |= nat.Flags.HasFlag(NxNatFlags.Source) ? CtStateFlags.SourceNat : CtStateFlags.DestinationNat;
                translated.WriteTo(packet);
            }
        }
        else
        {
            state |= CtStateFlags.Established | (reply ? CtStateFlags.ReplyDirection : 0);
            if (ct.Flags.HasFlag(NxConntrackFlags.Commit))
            {
                ApplyMark(ct, conn);
            }
            if (nat is not null)
            {
                // The packet takes the addresses the other direction expects.
                var target = reply ? conn.Original.Reversed() : conn.Reply.Reversed();
                if (target != tuple)
                {
                    state |= target.Source != tuple.Source ? CtStateFlags.SourceNat : CtStateFlags.DestinationNat;
                    target.WriteTo(packet);
                }
            }
            packet.Set(OxmField.CtMark, conn.Mark);
        }
        packet.Set(OxmField.CtState, (uint)state);
    }

    private static void ApplyMark(NxConntrackAction ct, Connection conn)
    {
        foreach (var set in ct.Actions.OfType<SetFieldAction>().Where(s => s.Field.Field == OxmField.CtMark))
        {
            conn.Mark = (uint)((conn.Mark & ~(uint)set.Field.Mask) | (uint)set.Field.Value);
        }
    }

    private sealed class Connection(ushort zone, Tuple original, Tuple reply)
    {
        public ushort Zone { get; } = zone;

        public Tuple Original { get; } = original;

        public Tuple Reply { get; } = reply;

        public uint Mark { get; set; }
    }

    private readonly record struct Tuple(byte Proto, UInt128 Source, UInt128 Destination, ushort SourcePort, ushort DestinationPort, bool V6)
    {
        public static Tuple? Of(SimPacket p)
        {
            var v6 = p.Has(OxmField.Ipv6Src);
            if (!v6 && !p.Has(OxmField.Ipv4Src))
            {
                return null;
            }
            var proto = (byte)(p[OxmField.IpProto] ?? 0);
            var (sp, dp) = proto switch
            {
                6 => ((ushort)(p[OxmField.TcpSrc] ?? 0), (ushort)(p[OxmField.TcpDst] ?? 0)),
                17 => ((ushort)(p[OxmField.UdpSrc] ?? 0), (ushort)(p[OxmField.UdpDst] ?? 0)),
                _ => ((ushort)0, (ushort)0),
            };
            return v6
                ? new Tuple(proto, p.Get(OxmField.Ipv6Src), p.Get(OxmField.Ipv6Dst), sp, dp, true)
                : new Tuple(proto, p.Get(OxmField.Ipv4Src), p.Get(OxmField.Ipv4Dst), sp, dp, false);
        }

        public Tuple Reversed() => this with { Source = Destination, Destination = Source, SourcePort = DestinationPort, DestinationPort = SourcePort };

        public Tuple Translate(NxNatFlags flags, System.Net.IPAddress address)
        {
            var bytes = address.GetAddressBytes();
            var value = bytes.Length == 4 ? (UInt128)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes) : System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes);
            return flags.HasFlag(NxNatFlags.Source) ? this with { Source = value } : flags.HasFlag(NxNatFlags.Destination) ? this with { Destination = value } : this;
        }

        public void WriteTo(SimPacket p)
        {
            p.Set(V6 ? OxmField.Ipv6Src : OxmField.Ipv4Src, Source);
            p.Set(V6 ? OxmField.Ipv6Dst : OxmField.Ipv4Dst, Destination);
        }
    }
}
