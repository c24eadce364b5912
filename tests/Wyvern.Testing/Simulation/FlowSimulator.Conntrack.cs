using Wyvern.OpenFlow.Actions;
using Wyvern.OpenFlow.Instructions;
using Wyvern.OpenFlow.Matching;
using Wyvern.OpenFlow.Messages;
using Wyvern.Packets;

namespace Wyvern.Testing.Simulation;

/// <summary>
/// Conjunctive matches and a connection tracker, as Open vSwitch's userspace
/// datapath behaves (ovs-fields(7) "Conjunctive Match Fields", ovs-actions(7) "ct"):
/// <list type="bullet">
/// <item>Connections are kept per zone by 5-tuple (ICMP by addresses alone); ct sets ct_state (+trk, and +new, +est, +rpl or +inv), ct_zone and ct_mark.</item>
/// <item>A lookup that finds no connection is +new, except a TCP segment that is not a bare SYN, which is +inv. Any later packet of a committed connection is +est (+rpl in the reply direction), even the first packet again after its commit.</item>
/// <item>Only ct(commit) creates a connection; its exec() actions may write ct_mark, which the connection keeps.</item>
/// <item>ct(table=N) continues in table N as a resubmit does.</item>
/// <item>One-to-one address NAT: <c>nat(src=A)</c> / <c>nat(dst=A)</c> fixes the translation when the connection is committed; any
/// later <c>ct(nat)</c> of the connection applies it (reply direction: reversed). Port NAT and ALGs are not modelled.</item>
/// </list>
/// </summary>
public sealed partial class FlowSimulator
{
    private readonly Dictionary<(ushort Zone, ConnectionKey Key), Connection> _connections = [];

    /// <summary>Number of committed connections (every zone).</summary>
    public int ConnectionCount => _connections.Count / 2;

    /// <summary>Forgets every connection (as if conntrack were flushed).</summary>
    public void FlushConnections() => _connections.Clear();

    private static NxConjunctionAction[]? Conjunctions(FlowMod flow)
    {
        if (flow.Instructions.Count != 1 || flow.Instructions[0] is not ApplyActionsInstruction apply || apply.Actions.Count == 0 ||
            !apply.Actions.All(x => x is NxConjunctionAction))
        {
            return null;
        }
        return [.. apply.Actions.Cast<NxConjunctionAction>()];
    }

    private static bool MatchesConjId(Match match)
    {
        foreach (var field in match.Fields)
        {
            if (field.Field == OxmField.ConjId)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The smallest conjunction id all of whose clauses matched among <paramref name="level"/>, or null.</summary>
    private static uint? CompleteConjunction(IEnumerable<FlowMod> level)
    {
        var seen = new Dictionary<uint, (int N, HashSet<byte> Clauses)>();
        foreach (var flow in level)
        {
            foreach (var c in Conjunctions(flow)!)
            {
                if (!seen.TryGetValue(c.Id, out var s))
                {
                    seen[c.Id] = s = (c.NClauses, []);
                }
                if (s.N != c.NClauses)
                {
                    throw new InvalidOperationException($"conjunction {c.Id} has clauses of different sizes");
                }
                s.Clauses.Add(c.Clause);
            }
        }
        var complete = seen.Where(kv => kv.Value.Clauses.Count == kv.Value.N).Select(kv => kv.Key).Order().ToList();
        return complete.Count > 0 ? complete[0] : null;
    }

    private static FlowMod? LookupConjId(Dictionary<(ushort, Match), FlowMod> table, SimPacket packet, uint id)
    {
        packet.Set(OxmField.ConjId, id);
        var found = table.Values.Where(f => MatchesConjId(f.Match) && Matches(f.Match, packet))
            .OrderByDescending(f => f.Priority).FirstOrDefault();
        packet.Set(OxmField.ConjId, 0);
        return found;
    }

    private bool RunConntrack(NxConntrackAction ct, byte tableId, SimPacket packet, SimTrace trace, int depth)
    {
        var zone = ct.ZoneField is { } z ? (ushort)((packet.Get(z.Field) >> z.Offset) & 0xffff) : ct.Zone;
        var key = ConnectionKey.Of(packet);
        var state = CtStateFlags.Tracked;
        _connections.TryGetValue((zone, key), out var connection);
        var nat = ct.Actions.OfType<NxNatAction>().FirstOrDefault();
        if (connection is not null)
        {
            state |= CtStateFlags.Established | (connection.Original == key ? 0 : CtStateFlags.ReplyDirection);
        }
        else if (key.Protocol == 6 && TcpFlags(packet) != FrameBuilder.TcpSynFlag)
        {
            state |= CtStateFlags.Invalid;
        }
        else
        {
            state |= CtStateFlags.New;
        }
        if ((ct.Flags & NxConntrackFlags.Commit) != 0 && (state & CtStateFlags.Invalid) == 0)
        {
            if (connection is null)
            {
                connection = new Connection(key, nat is { AddressMin: { } address } ? key.Translate(nat.Flags, address) : key);
                _connections[(zone, key)] = connection;
                _connections[(zone, connection.Translated.Reverse())] = connection;
            }
            foreach (var action in ct.Actions)
            {
                if (action is NxNatAction)
                {
                    continue;
                }
                if (action is not NxRegLoadAction { Destination.Field: OxmField.CtMark } load)
                {
                    throw new NotSupportedException($"the simulator does not implement {action} inside ct");
                }
                var mask = (uint)(((1UL << load.Destination.NBits) - 1) << load.Destination.Offset);
                connection.Mark = (connection.Mark & ~mask) | ((uint)(load.Value << load.Destination.Offset) & mask);
            }
        }
        if (nat is not null && connection is not null)
        {
            // The packet takes the addresses the other end expects.
            var target = connection.Original == key ? connection.Translated : connection.Original.Reverse();
            if (target != key)
            {
                state |= target.Source != key.Source ? CtStateFlags.SourceNat : CtStateFlags.DestinationNat;
                target.WriteAddresses(packet);
            }
        }
        if (ct.Table == NxConntrackAction.NoRecirculation)
        {
            return true;
        }
        packet.Set(OxmField.CtState, (uint)state);
        packet.Set(OxmField.CtZone, zone);
        packet.Set(OxmField.CtMark, connection?.Mark ?? 0);
        return RunTable(ct.Table, packet, trace, depth + 1);
    }

    private static byte TcpFlags(SimPacket packet)
    {
        var view = FrameView.Parse(packet.Frame);
        var at = view.TransportOffset + 13;
        return view.Ipv4 is not null && at < packet.Frame.Length ? packet.Frame[at] : (byte)0;
    }

    private sealed class Connection(ConnectionKey original, ConnectionKey translated)
    {
        public ConnectionKey Original { get; } = original;

        /// <summary>The original direction after NAT (equal to <see cref="Original"/> without NAT).</summary>
        public ConnectionKey Translated { get; } = translated;

        public uint Mark { get; set; }
    }

    private readonly record struct ConnectionKey(ushort EthType, UInt128 Source, UInt128 Destination, byte Protocol, ushort SourcePort, ushort DestinationPort)
    {
        public ConnectionKey Reverse() => new(EthType, Destination, Source, Protocol, DestinationPort, SourcePort);

        public ConnectionKey Translate(NxNatFlags flags, System.Net.IPAddress address)
        {
            var bytes = address.GetAddressBytes();
            var value = bytes.Length == 4
                ? (UInt128)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes)
                : System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes);
            return (flags & NxNatFlags.Source) != 0 ? this with { Source = value }
                : (flags & NxNatFlags.Destination) != 0 ? this with { Destination = value } : this;
        }

        public void WriteAddresses(SimPacket p)
        {
            var v6 = EthType == 0x86dd;
            p.Set(v6 ? OxmField.Ipv6Src : OxmField.Ipv4Src, Source);
            p.Set(v6 ? OxmField.Ipv6Dst : OxmField.Ipv4Dst, Destination);
        }

        public static ConnectionKey Of(SimPacket p)
        {
            var ethType = (ushort)p.Get(OxmField.EthType);
            var v6 = ethType == 0x86dd;
            var proto = (byte)p.Get(OxmField.IpProto);
            var (sp, dp) = proto switch
            {
                6 => (p.Get(OxmField.TcpSrc), p.Get(OxmField.TcpDst)),
                17 => (p.Get(OxmField.UdpSrc), p.Get(OxmField.UdpDst)),
                _ => (UInt128.Zero, UInt128.Zero),
            };
            return new(ethType, p.Get(v6 ? OxmField.Ipv6Src : OxmField.Ipv4Src), p.Get(v6 ? OxmField.Ipv6Dst : OxmField.Ipv4Dst), proto, (ushort)sp, (ushort)dp);
        }
    }
}
