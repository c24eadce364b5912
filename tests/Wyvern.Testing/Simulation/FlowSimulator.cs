using Wyvern.OpenFlow;
using Wyvern.OpenFlow.Actions;
using Wyvern.OpenFlow.Instructions;
using Wyvern.OpenFlow.Matching;
using Wyvern.OpenFlow.Messages;

namespace Wyvern.Testing.Simulation;

/// <summary>
/// A switch in software, for scenario tests: it holds the flows a controller
/// sent (decoded from their encoded bytes, so the codec is exercised too) and
/// traces packets through them the way Open vSwitch does.
/// <para>Invariants and the semantics it follows (ovs-actions(7), OF 1.3.5 §5):</para>
/// <list type="bullet">
/// <item>A table keeps at most one flow per (priority, match); add replaces, modify_strict changes actions, delete_strict removes; non-strict delete honours the cookie mask.</item>
/// <item>In each table the highest-priority matching flow wins; two matching flows of equal priority are an error (the result would be undefined on a real switch).</item>
/// <item>A table miss drops. Apply-actions run in order; goto_table continues after them; resubmit runs a table and comes back.</item>
/// <item>output to the packet's own in_port is dropped unless the port is OFPP_IN_PORT.</item>
/// <item>An action the simulator does not implement fails the trace, never passes silently.</item>
/// <item>Conjunctive matches (conjunction actions, conj_id) and conntrack (ct with zones, commit, ct_mark) follow ovs-fields(7) and ovs-actions(7); see <c>FlowSimulator.Conntrack.cs</c>.</item>
/// </list>
/// </summary>
public sealed partial class FlowSimulator
{
    private const int MaxDepth = 64;
    private readonly Dictionary<byte, Dictionary<(ushort Priority, Match Match), FlowMod>> _tables = [];

    /// <summary>Number of flows held.</summary>
    public int FlowCount => _tables.Values.Sum(t => t.Count);

    /// <summary>Every flow held.</summary>
    public IEnumerable<FlowMod> Flows => _tables.Values.SelectMany(t => t.Values);

    /// <summary>Encodes each message, decodes it back, and applies the decoded flow mod.</summary>
    public void ApplyEncoded(IEnumerable<FlowMod> messages)
    {
        foreach (var m in messages)
        {
            Apply((FlowMod)OfpMessageDecoder.Decode(m.ToArray()));
        }
    }

    /// <summary>Applies one flow mod.</summary>
    public void Apply(FlowMod mod)
    {
        var table = TableOf(mod.TableId);
        var key = (mod.Priority, mod.Match);
        switch (mod.Command)
        {
            case FlowModCommand.Add:
                table[key] = mod with { Command = FlowModCommand.Add, Xid = 0 };
                break;
            case FlowModCommand.ModifyStrict:
                if (table.TryGetValue(key, out var existing))
                {
                    table[key] = existing with { Instructions = mod.Instructions, Cookie = mod.Cookie };
                }
                break;
            case FlowModCommand.DeleteStrict:
                if (table.TryGetValue(key, out var victim) && CookieMatches(victim.Cookie, mod))
                {
                    table.Remove(key);
                }
                break;
            case FlowModCommand.Delete:
                foreach (var t in mod.TableId == OfpPort.AllTables ? _tables.Values.ToList() : [table])
                {
                    foreach (var k in t.Where(kv => CookieMatches(kv.Value.Cookie, mod)).Select(kv => kv.Key).ToList())
                    {
                        t.Remove(k);
                    }
                }
                break;
            default:
                throw new NotSupportedException($"flow mod command {mod.Command}");
        }
    }

    /// <summary>Traces a packet from table 0.</summary>
    public SimTrace Trace(SimPacket packet)
    {
        var trace = new SimTrace();
        RunTable(0, packet, trace, 0);
        return trace;
    }

    private static bool CookieMatches(ulong cookie, FlowMod mod) => (cookie & mod.CookieMask) == (mod.Cookie & mod.CookieMask);

    private Dictionary<(ushort, Match), FlowMod> TableOf(byte id)
    {
        if (!_tables.TryGetValue(id, out var t))
        {
            _tables[id] = t = [];
        }
        return t;
    }

    /// <summary>Runs <paramref name="tableId"/>; returns false when processing must stop (dec_ttl failure).</summary>
    private bool RunTable(byte tableId, SimPacket packet, SimTrace trace, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException($"pipeline deeper than {MaxDepth} tables (a loop?)\n{trace}");
        }
        var flow = Lookup(tableId, packet);
        if (flow is null)
        {
            return true;
        }
        trace.Path.Add((tableId, flow));
        byte? next = null;
        foreach (var instruction in flow.Instructions)
        {
            switch (instruction)
            {
                case ApplyActionsInstruction apply:
                    if (!RunActions(apply.Actions, tableId, packet, trace, depth))
                    {
                        return false;
                    }
                    break;
                case GotoTableInstruction g:
                    if (g.TableId <= tableId)
                    {
                        throw new InvalidOperationException($"goto_table {g.TableId} from table {tableId}: OpenFlow only goes forward");
                    }
                    next = g.TableId;
                    break;
                case WriteMetadataInstruction w:
                    packet.Set(OxmField.Metadata, (packet.Get(OxmField.Metadata) & ~(UInt128)w.Mask) | (w.Metadata & w.Mask));
                    break;
                default:
                    throw new NotSupportedException($"instruction {instruction} in table {tableId}");
            }
        }
        return next is not { } n || RunTable(n, packet, trace, depth + 1);
    }

    private FlowMod? Lookup(byte tableId, SimPacket packet)
    {
        if (!_tables.TryGetValue(tableId, out var table))
        {
            return null;
        }
        // Highest priority first; at each priority a plain flow wins alone, conjunction
        // flows win when every clause of one conjunction matched (then its conj_id flow
        // applies); otherwise the lookup continues at lower priorities (ovs-fields(7)).
        foreach (var level in table.Values.Where(f => Matches(f.Match, packet)).GroupBy(f => f.Priority).OrderByDescending(g => g.Key))
        {
            var plain = level.Where(f => Conjunctions(f) is null).ToList();
            if (plain.Count > 1)
            {
                throw new InvalidOperationException($"table {tableId}: two flows of priority {level.Key} match: {plain[0].Match} and {plain[1].Match}");
            }
            if (plain.Count == 1)
            {
                return plain[0];
            }
            if (CompleteConjunction(level) is { } id && LookupConjId(table, packet, id) is { } conj)
            {
                return conj;
            }
        }
        return null;
    }

    private static bool Matches(Match match, SimPacket packet)
    {
        foreach (var field in match.Fields)
        {
            if (!packet.Has(field.Field) || (packet.Get(field.Field) & field.Mask) != field.Value)
            {
                return false;
            }
        }
        return true;
    }

    private bool RunActions(IEnumerable<OfpAction> actions, byte tableId, SimPacket packet, SimTrace trace, int depth)
    {
        foreach (var action in actions)
        {
            switch (action)
            {
                case SetFieldAction s:
                    var f = s.Field;
                    packet.Set(f.Field, f.HasMask ? (packet.Get(f.Field) & ~f.Mask) | f.Value : f.Value);
                    break;
                case NxRegLoadAction load:
                    WriteBits(packet, load.Destination, load.Value);
                    break;
                case NxRegMoveAction move:
                    WriteBits(packet, move.Destination, ReadBits(packet, move.Source));
                    break;
                case OutputAction o:
                    Output(o.Port, tableId, packet, trace);
                    break;
                case NxResubmitAction r:
                    var inPort = packet.Get(OxmField.InPort);
                    if (r.InPort != NxResubmitAction.KeepInPort)
                    {
                        packet.Set(OxmField.InPort, r.InPort);
                    }
                    var keepGoing = RunTable(r.Table == NxResubmitAction.CurrentTable ? tableId : r.Table, packet, trace, depth + 1);
                    packet.Set(OxmField.InPort, inPort);
                    if (!keepGoing)
                    {
                        return false;
                    }
                    break;
                case DecNwTtlAction or NxDecTtlAction:
                    var ttl = (byte)packet.Get(OxmField.IpTtl);
                    if (ttl <= 1)
                    {
                        trace.PacketIns.Add(new SimPacketIn(PacketInReason.InvalidTtl, tableId, packet.Clone()));
                        return false;
                    }
                    packet.Set(OxmField.IpTtl, (byte)(ttl - 1));
                    break;
                case SetNwTtlAction t:
                    packet.Set(OxmField.IpTtl, t.Ttl);
                    break;
                case NxController2Action or NxControllerAction:
                    trace.PacketIns.Add(new SimPacketIn(PacketInReason.Action, tableId, packet.Clone()));
                    break;
                case PushVlanAction:
                    packet.Set(OxmField.VlanVid, 0x1000);
                    break;
                case PopVlanAction:
                    packet.Set(OxmField.VlanVid, 0);
                    break;
                case NxNoteAction:
                    break;
                case NxConntrackAction ct:
                    if (!RunConntrack(ct, tableId, packet, trace, depth))
                    {
                        return false;
                    }
                    break;
                default:
                    throw new NotSupportedException($"the simulator does not implement {action} (table {tableId})");
            }
        }
        return true;
    }

    private static void Output(uint port, byte tableId, SimPacket packet, SimTrace trace)
    {
        var inPort = (uint)packet.Get(OxmField.InPort);
        if (port == OfpPort.Controller)
        {
            trace.PacketIns.Add(new SimPacketIn(PacketInReason.Action, tableId, packet.Clone()));
        }
        else if (port == OfpPort.InPort)
        {
            trace.Outputs.Add(new SimOutput(inPort, packet.Clone()));
        }
        else if (port != inPort)
        {
            trace.Outputs.Add(new SimOutput(port, packet.Clone()));
        }
    }

    private static UInt128 ReadBits(SimPacket packet, NxFieldRef source) =>
        (packet.Get(source.Field) >> source.Offset) & ((UInt128.One << source.NBits) - 1);

    private static void WriteBits(SimPacket packet, NxFieldRef destination, UInt128 value)
    {
        var mask = ((UInt128.One << destination.NBits) - 1) << destination.Offset;
        packet.Set(destination.Field, (packet.Get(destination.Field) & ~mask) | ((value << destination.Offset) & mask));
    }
}
