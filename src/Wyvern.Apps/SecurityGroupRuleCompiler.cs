using System.Net;
using System.Net.Sockets;
using Wyvern.Model;
using Wyvern.OpenFlow.Actions;
using Wyvern.OpenFlow.Matching;
using Wyvern.Pipeline;
using static Wyvern.Apps.Flows;

namespace Wyvern.Apps;

/// <summary>
/// How one security group rule becomes a conjunctive match (ovs-fields(7)
/// "Conjunctive Match Fields"). Every rule is conjunction id
/// <c>(group key &lt;&lt; 12) | (rule index + 1)</c> with two or three clauses:
/// <list type="number">
/// <item>the port: the group's key in either half of reg8, which a port in one or two groups loads (two flows per group and direction, owned by the group); a port in more groups matches on reg6 (egress) or reg7 (ingress) instead (owned by the port);</item>
/// <item>the remote: the ethertype with the remote prefix, or one flow per address of each member of the remote group (owned by the member port, so a member joining or leaving changes only its own flows);</item>
/// <item>the protocol, with the destination port range as prefix masks or the ICMP type/code (only when the rule names a protocol).</item>
/// </list>
/// A group's clauses all sit at the group's own priority, so two groups whose
/// rules have the same shape never write the same (table, priority, match).
/// </summary>
internal static class SecurityGroupRuleCompiler
{
    /// <summary>Lowest priority of a group's clauses; the group key is added (modulo <see cref="GroupPrioritySpan"/>).</summary>
    public const ushort GroupPriorityBase = 1000;

    /// <summary>How many distinct group priorities there are.</summary>
    public const int GroupPrioritySpan = 60000;

    private const int RuleBits = 12;

    /// <summary>The priority of <paramref name="group"/>'s clauses and conj_id flows.</summary>
    public static ushort Priority(SecurityGroup group) => (ushort)(GroupPriorityBase + (group.Key % GroupPrioritySpan));

    /// <summary>The conjunction id of rule <paramref name="index"/> of <paramref name="group"/>.</summary>
    public static uint ConjunctionId(SecurityGroup group, int index) => ((uint)group.Key << RuleBits) | (uint)(index + 1);

    /// <summary>Rules beyond this index are not compiled (the conjunction id has 12 bits for the rule).</summary>
    public const int MaxRules = (1 << RuleBits) - 2;

    /// <summary>The rule's clause count: port, remote, and protocol when it names one.</summary>
    public static byte Clauses(SecurityGroupRule rule) => rule.Protocol is null ? (byte)2 : (byte)3;

    /// <summary>The table a rule of <paramref name="direction"/> lives in.</summary>
    public static TableId Table(RuleDirection direction) =>
        direction == RuleDirection.Egress ? TableId.EgressSecurityGroup : TableId.IngressSecurityGroup;

    /// <summary>The clause action of <paramref name="rule"/> (index <paramref name="index"/>) for clause <paramref name="clause"/> (0-based).</summary>
    public static NxConjunctionAction Clause(SecurityGroup group, int index, SecurityGroupRule rule, byte clause) =>
        new(ConjunctionId(group, index), clause, Clauses(rule));

    /// <summary>The ethertype match of a rule.</summary>
    public static MatchField EthType(EtherType type) => type == EtherType.IPv4 ? Ip : Ipv6;

    /// <summary>
    /// The remote clause's match for a prefix: the remote is the destination of
    /// egress traffic and the source of ingress traffic.
    /// </summary>
    public static Match Remote(RuleDirection direction, EtherType type, IPNetwork? prefix)
    {
        if (prefix is not { } p)
        {
            return Match.Create(EthType(type));
        }
        var full = p.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        MatchField field = (direction, type) switch
        {
            (RuleDirection.Egress, EtherType.IPv4) => p.PrefixLength == full ? MatchField.Ipv4Dst(p.BaseAddress) : MatchField.Ipv4Dst(p.BaseAddress, p.PrefixLength),
            (RuleDirection.Ingress, EtherType.IPv4) => p.PrefixLength == full ? MatchField.Ipv4Src(p.BaseAddress) : MatchField.Ipv4Src(p.BaseAddress, p.PrefixLength),
            (RuleDirection.Egress, _) => p.PrefixLength == full ? MatchField.Ipv6Dst(p.BaseAddress) : MatchField.Ipv6Dst(p.BaseAddress, p.PrefixLength),
            _ => p.PrefixLength == full ? MatchField.Ipv6Src(p.BaseAddress) : MatchField.Ipv6Src(p.BaseAddress, p.PrefixLength),
        };
        return Match.Create(EthType(type), field);
    }

    /// <summary>The ethertype of an address.</summary>
    public static EtherType TypeOf(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork ? EtherType.IPv4 : EtherType.IPv6;

    /// <summary>
    /// The protocol clause's matches: ip_proto, then for TCP/UDP the
    /// destination port range as a set of value/mask matches, for ICMP the
    /// type (port_range_min) and code (port_range_max) when given.
    /// </summary>
    public static IEnumerable<Match> Protocol(SecurityGroupRule rule)
    {
        var proto = rule.Protocol!.Value;
        if (rule.EtherType == EtherType.IPv6 && proto == 1)
        {
            proto = 58; // Neutron accepts "icmp" for IPv6 rules and means ICMPv6.
        }
        var basis = Match.Create(EthType(rule.EtherType), MatchField.IpProto((byte)proto));
        switch (proto)
        {
            case 6 or 17 when rule.PortRangeMin is { } min:
                var field = proto == 6 ? OxmField.TcpDst : OxmField.UdpDst;
                foreach (var (value, mask) in PortMasks((ushort)min, (ushort)(rule.PortRangeMax ?? min)))
                {
                    yield return mask switch
                    {
                        0 => basis,
                        0xffff => basis.With(MatchField.Create(field, value)),
                        _ => basis.With(MatchField.Create(field, value, mask)),
                    };
                }
                break;
            case 1 or 58 when rule.PortRangeMin is { } type:
                var m = basis.With(proto == 1 ? MatchField.Icmpv4Type((byte)type) : MatchField.Icmpv6Type((byte)type));
                if (rule.PortRangeMax is { } code)
                {
                    m = m.With(proto == 1 ? MatchField.Icmpv4Code((byte)code) : MatchField.Icmpv6Code((byte)code));
                }
                yield return m;
                break;
            default:
                yield return basis;
                break;
        }
    }

    /// <summary>
    /// The smallest set of value/mask pairs covering [<paramref name="min"/>, <paramref name="max"/>]:
    /// the largest aligned power-of-two block at each step (at most 2×16 blocks).
    /// </summary>
    public static IEnumerable<(ushort Value, ushort Mask)> PortMasks(ushort min, ushort max)
    {
        if (min > max)
        {
            yield break;
        }
        uint lo = min;
        while (lo <= max)
        {
            var size = 1u;
            while ((lo & ((size << 1) - 1)) == 0 && lo + (size << 1) - 1 <= max && size < 0x10000)
            {
                size <<= 1;
            }
            yield return ((ushort)lo, (ushort)(0xffff & ~(size - 1)));
            lo += size;
        }
    }
}
