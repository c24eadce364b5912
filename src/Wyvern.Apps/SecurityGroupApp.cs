using Wyvern.Model;
using Wyvern.OpenFlow.Actions;
using Wyvern.OpenFlow.Matching;
using Wyvern.Pipeline;
using static Wyvern.Apps.Flows;

namespace Wyvern.Apps;

/// <summary>
/// Stateful security groups (Neutron semantics) in the conntrack tables 10/105
/// and the security-group tables 15/110. Per network: IP traffic loads the
/// network's conntrack zone (reg3) and goes through conntrack. Per group: its
/// rules as conjunctive matches (<see cref="SecurityGroupRuleCompiler"/>) and
/// one conj_id flow per rule that commits the connection and marks it
/// admitted in that direction, and the port clause of its rules for the ports
/// that carry its key in reg8. Per port: the keys of its one or two groups
/// (tables 9/104), or, in more groups, its own clause of their rules; and,
/// for every group that names one of its groups as remote, its addresses
/// (fixed IPs and allowed address pairs). Flows grow with ports + rules +
/// members, never their product. Ports with port security off skip both tables.
/// <para>
/// Established connections keep flowing when the rule that admitted them is
/// removed (their conntrack entry carries the admission mark); new connections
/// are checked against the rules as they are now. Neutron's OVS firewall does
/// the same for the connections it does not flush.
/// </para>
/// </summary>
public sealed class SecurityGroupApp : IApp
{
    /// <summary>ct_mark bit set when egress rules admitted the connection.</summary>
    public const int EgressAdmittedBit = 0;

    /// <summary>ct_mark bit set when ingress rules admitted the connection.</summary>
    public const int IngressAdmittedBit = 1;

    private const ushort BypassPriority = 120;
    private const ushort PortBypassPriority = 110;
    private const ushort InvalidPriority = 65000;
    private const ushort StatefulPriority = 64000;

    public AppId Id => AppId.SecurityGroup;

    public void Consider(Owner owner, IChassisView view, ICollection<FlowSpec> flows)
    {
        switch (owner.Kind)
        {
            case OwnerKind.Pipeline:
                AddFixedFlows(owner, flows);
                break;
            case OwnerKind.Network when view.Network(owner.Id) is { } network:
                AddConntrackFlows(owner, network, flows);
                break;
            case OwnerKind.Port when PortRoles.TryGetWorkload(view, owner.Id, out var port, out _):
                ConsiderPort(owner, port, view, flows);
                break;
            case OwnerKind.SecurityGroup when view.SecurityGroup(owner.Id) is { } group:
                ConsiderGroup(owner, group, flows);
                break;
            default:
                break;
        }
    }

    /// <summary>The table after the security-group table of a direction.</summary>
    private static TableId After(RuleDirection direction) =>
        direction == RuleDirection.Egress ? TableId.ServicesClassification : TableId.IngressDispatch;

    private static int AdmittedBit(RuleDirection direction) =>
        direction == RuleDirection.Egress ? EgressAdmittedBit : IngressAdmittedBit;

    private void AddConntrackFlows(Owner owner, LogicalSwitch network, ICollection<FlowSpec> flows)
    {
        var zone = ConntrackZones.Network(network.Key);
        foreach (var type in new[] { Ip, Ipv6 })
        {
            var match = Match.Create(Registers.MatchNetwork(network.Key), type);
            flows.Add(Make(TableId.EgressConntrack, Priorities.Entry, match, Id, owner, Apply(
                Registers.LoadZone(zone), new NxConntrackAction(Zone: zone, Table: (byte)TableId.EgressSecurityGroup))));
            flows.Add(Make(TableId.IngressConntrack, Priorities.Entry, match, Id, owner, Apply(
                Registers.LoadZone(zone), new NxConntrackAction(Zone: zone, Table: (byte)TableId.IngressSecurityGroup))));
        }
    }

    private void AddFixedFlows(Owner owner, ICollection<FlowSpec> flows)
    {
        // Services every port needs whatever its groups (as Neutron's firewall allows them):
        // DHCPv4 to the server and its replies, IPv6 router and neighbour discovery and MLD
        // (RFC 4861, RFC 3810). They bypass conntrack, which would mark ND invalid.
        flows.Add(Make(TableId.EgressConntrack, BypassPriority,
            Match.Create(Ip, MatchField.IpProto(17), MatchField.UdpSrc(68), MatchField.UdpDst(67)), Id, owner, Goto(TableId.ServicesClassification)));
        flows.Add(Make(TableId.IngressConntrack, BypassPriority,
            Match.Create(Ip, MatchField.IpProto(17), MatchField.UdpSrc(67), MatchField.UdpDst(68)), Id, owner, Goto(TableId.IngressDispatch)));
        foreach (var type in new byte[] { 133, 135, 136, 143 })
        {
            flows.Add(Make(TableId.EgressConntrack, BypassPriority, Match.Create(Ipv6, MatchField.IpProto(58), MatchField.Icmpv6Type(type)),
                Id, owner, Goto(TableId.ServicesClassification)));
        }
        foreach (var type in new byte[] { 130, 134, 135, 136 })
        {
            flows.Add(Make(TableId.IngressConntrack, BypassPriority, Match.Create(Ipv6, MatchField.IpProto(58), MatchField.Icmpv6Type(type)),
                Id, owner, Goto(TableId.IngressDispatch)));
        }
        foreach (var direction in new[] { RuleDirection.Egress, RuleDirection.Ingress })
        {
            var table = SecurityGroupRuleCompiler.Table(direction);
            var next = Goto(After(direction));
            const CtStateFlags t = CtStateFlags.Tracked, inv = CtStateFlags.Invalid, est = CtStateFlags.Established,
                rpl = CtStateFlags.ReplyDirection, rel = CtStateFlags.Related;
            flows.Add(Make(table, InvalidPriority, Match.Create(MatchField.CtState(t | inv, t | inv)), Id, owner));
            // Replies of admitted connections, and related traffic (ICMP errors).
            flows.Add(Make(table, StatefulPriority, Match.Create(MatchField.CtState(t | est | rpl, t | est | rpl | inv)), Id, owner, next));
            flows.Add(Make(table, StatefulPriority, Match.Create(MatchField.CtState(t | rel, t | rel | est | inv)), Id, owner, next));
            // Later packets of a connection this direction's rules already admitted. Only the
            // mark tells: a packet that went through egress conntrack on this chassis is
            // already +est when ingress sees it (userspace datapath), yet ingress must check.
            var bit = 1u << AdmittedBit(direction);
            flows.Add(Make(table, StatefulPriority,
                Match.Create(MatchField.CtState(t | est, t | est | rpl | inv), MatchField.CtMark(bit, bit)), Id, owner, next));
        }
    }

    private void ConsiderPort(Owner owner, LogicalPort port, IChassisView view, ICollection<FlowSpec> flows)
    {
        var local = view.LocalOfPort(port.Id) is not null;
        if (!port.PortSecurityEnabled)
        {
            if (local)
            {
                flows.Add(Make(TableId.EgressConntrack, PortBypassPriority, Match.Create(Registers.MatchSourcePort(port.Key)), Id, owner,
                    Goto(TableId.ServicesClassification)));
                flows.Add(Make(TableId.IngressConntrack, PortBypassPriority, Match.Create(Registers.MatchDestinationPort(port.Key)), Id, owner,
                    Goto(TableId.IngressDispatch)));
            }
            return;
        }
        var clauses = new ClauseTable();
        var groups = port.SecurityGroupIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (local && PortKey(port, view) is { } key)
        {
            // In one or two groups: the port's packets carry the groups' keys and meet each
            // group's own clause (ConsiderGroup), so a rule added to a group changes no port flow.
            var load = Apply(Registers.LoadSecurityGroupKey(key));
            flows.Add(Make(TableId.EgressSecurityGroupKey, Priorities.Entry, Match.Create(Registers.MatchSourcePort(port.Key)), Id, owner,
                load, Goto(TableId.EgressConntrack)));
            flows.Add(Make(TableId.IngressSecurityGroupKey, Priorities.Entry, Match.Create(Registers.MatchDestinationPort(port.Key)), Id, owner,
                load, Goto(TableId.IngressConntrack)));
        }
        else if (local)
        {
            foreach (var group in groups.Select(view.SecurityGroup).OfType<SecurityGroup>())
            {
                var priority = SecurityGroupRuleCompiler.Priority(group);
                foreach (var (rule, index) in Compilable(group))
                {
                    var who = rule.Direction == RuleDirection.Egress
                        ? Registers.MatchSourcePort(port.Key) : Registers.MatchDestinationPort(port.Key);
                    clauses.Add(SecurityGroupRuleCompiler.Table(rule.Direction), priority, Match.Create(who),
                        SecurityGroupRuleCompiler.Clause(group, index, rule, 0));
                }
            }
        }
        // This port as a member: its addresses in the remote clause of every rule that names one of its groups.
        var addresses = MemberAddresses(port).ToList();
        foreach (var member in groups)
        {
            foreach (var group in view.SecurityGroupsReferencing(member))
            {
                var priority = SecurityGroupRuleCompiler.Priority(group);
                foreach (var (rule, index) in Compilable(group).Where(r => r.Rule.RemoteGroupId == member))
                {
                    foreach (var prefix in addresses.Where(a => SecurityGroupRuleCompiler.TypeOf(a.BaseAddress) == rule.EtherType))
                    {
                        clauses.Add(SecurityGroupRuleCompiler.Table(rule.Direction), priority,
                            SecurityGroupRuleCompiler.Remote(rule.Direction, rule.EtherType, prefix),
                            SecurityGroupRuleCompiler.Clause(group, index, rule, 1));
                    }
                }
            }
        }
        clauses.AddTo(flows, Id, owner);
    }

    private void ConsiderGroup(Owner owner, SecurityGroup group, ICollection<FlowSpec> flows)
    {
        var clauses = new ClauseTable();
        var priority = SecurityGroupRuleCompiler.Priority(group);
        foreach (var (rule, index) in Compilable(group))
        {
            var table = SecurityGroupRuleCompiler.Table(rule.Direction);
            if (HasKey(group))
            {
                // The port clause of every port that carries this group's key (PortKey), in either half of reg8.
                var clause = SecurityGroupRuleCompiler.Clause(group, index, rule, 0);
                clauses.Add(table, priority, Match.Create(Registers.MatchSecurityGroupKey((uint)group.Key, KeyHalf)), clause);
                clauses.Add(table, priority, Match.Create(Registers.MatchSecurityGroupKey((uint)group.Key << 16, KeyHalf << 16)), clause);
            }
            if (rule.RemoteGroupId is null)
            {
                clauses.Add(table, priority, SecurityGroupRuleCompiler.Remote(rule.Direction, rule.EtherType, rule.RemoteIpPrefix),
                    SecurityGroupRuleCompiler.Clause(group, index, rule, 1));
            }
            if (rule.Protocol is not null)
            {
                foreach (var match in SecurityGroupRuleCompiler.Protocol(rule))
                {
                    clauses.Add(table, priority, match, SecurityGroupRuleCompiler.Clause(group, index, rule, 2));
                }
            }
            var commit = new NxConntrackAction(NxConntrackFlags.Commit, ZoneField: Registers.ZoneRef,
                Actions: new OfpAction[] { new NxRegLoadAction(new NxFieldRef(OxmField.CtMark, AdmittedBit(rule.Direction), 1), 1) });
            flows.Add(Make(table, priority,
                // ct requires an IP eth_type in the match (OFPBAC_MATCH_INCONSISTENT otherwise).
                Match.Create(SecurityGroupRuleCompiler.EthType(rule.EtherType),
                    MatchField.Create(OxmField.ConjId, SecurityGroupRuleCompiler.ConjunctionId(group, index))), Id, owner,
                Apply(commit), Goto(After(rule.Direction))));
        }
        clauses.AddTo(flows, Id, owner);
    }

    /// <summary>
    /// True if the port takes its rules through its groups' keys rather than clauses of its own:
    /// port security on, one or two groups, each present in <paramref name="view"/> with a key that
    /// fits half of reg8. Such a port's flows read of its groups only whether they exist and their
    /// keys, not their rules; any other port with port security lists its groups' rules itself.
    /// </summary>
    public static bool TakesRulesByKey(LogicalPort port, IChassisView view)
    {
        ArgumentNullException.ThrowIfNull(port);
        ArgumentNullException.ThrowIfNull(view);
        return PortKey(port, view) is not null;
    }

    /// <summary>
    /// True if a member's address flows for <paramref name="remoteGroupId"/> are the same under both
    /// versions of a group (either may be null): the same rules naming it as remote, at the same
    /// index, direction, ethertype and clause count, at the same priority.
    /// </summary>
    public static bool SameMemberClauses(SecurityGroup? old, SecurityGroup? value, string remoteGroupId) =>
        MemberClauses(old, remoteGroupId).SequenceEqual(MemberClauses(value, remoteGroupId));

    private static IEnumerable<(uint Id, RuleDirection Direction, EtherType Type, byte Clauses, ushort Priority)> MemberClauses(
        SecurityGroup? group, string remoteGroupId) =>
        group is null
            ? []
            : Compilable(group).Where(r => r.Rule.RemoteGroupId == remoteGroupId).Select(r => (
                SecurityGroupRuleCompiler.ConjunctionId(group, r.Index), r.Rule.Direction, r.Rule.EtherType,
                SecurityGroupRuleCompiler.Clauses(r.Rule), SecurityGroupRuleCompiler.Priority(group)));

    // reg8 holds two group keys of 16 bits each.
    private const uint KeyHalf = 0xffff;

    // The port's reg8: its groups' keys, the smaller in bits 0-15 and the other (if any) in bits
    // 16-31; null if it has no or more than two groups, or one is missing or has a key too large.
    // Without allocating: the engine asks it of every port of a group on each rule change.
    private static uint? PortKey(LogicalPort port, IChassisView view)
    {
        if (!port.PortSecurityEnabled)
        {
            return null;
        }
        string? firstId = null, secondId = null;
        uint first = 0, second = 0;
        foreach (var id in port.SecurityGroupIds)
        {
            if (id == firstId || id == secondId)
            {
                continue;
            }
            if (secondId is not null || view.SecurityGroup(id) is not { } group || !HasKey(group))
            {
                return null; // a third group, or one missing or with a key too large
            }
            if (firstId is null)
            {
                (firstId, first) = (id, (uint)group.Key);
            }
            else
            {
                (secondId, second) = (id, (uint)group.Key);
            }
        }
        return firstId is null ? null
            : secondId is null ? first
            : Math.Min(first, second) | (Math.Max(first, second) << 16);
    }

    // Keys start at 1 (0 in a half of reg8 means "no group") and must fit a half.
    private static bool HasKey(SecurityGroup group) => group.Key is > 0 and <= (int)KeyHalf;

    /// <summary>The rules that compile, with their index: a remote prefix of the rule's own family, at most <see cref="SecurityGroupRuleCompiler.MaxRules"/>.</summary>
    private static IEnumerable<(SecurityGroupRule Rule, int Index)> Compilable(SecurityGroup group) =>
        group.Rules.Take(SecurityGroupRuleCompiler.MaxRules).Select((r, i) => (r, i))
            .Where(x => x.r.RemoteIpPrefix is not { } p || SecurityGroupRuleCompiler.TypeOf(p.BaseAddress) == x.r.EtherType);

    /// <summary>A member's addresses for remote-group rules: fixed IPs and allowed address pairs (Neutron counts both).</summary>
    private static IEnumerable<System.Net.IPNetwork> MemberAddresses(LogicalPort port) =>
        port.FixedIps.Select(f => new System.Net.IPNetwork(f.IpAddress, f.IpAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128))
            .Concat(port.AllowedAddressPairs.Select(p => p.IpPrefix))
            .Distinct();
}
