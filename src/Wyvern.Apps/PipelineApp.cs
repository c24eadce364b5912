using Wyvern.OpenFlow.Matching;
using Wyvern.Pipeline;
using static Wyvern.Apps.Flows;

namespace Wyvern.Apps;

/// <summary>
/// The pipeline's fixed flows: table-miss continuations for tables that
/// pass traffic on by default, and the services classification. Everything
/// not listed here drops on a miss (OpenFlow 1.3 table-miss without a flow).
/// </summary>
public sealed class PipelineApp : IApp
{
    private const ushort DhcpServerPort = 67;
    private const ushort DhcpClientPort = 68;

    public AppId Id => AppId.Pipeline;

    public void Consider(Owner owner, IChassisView view, ICollection<FlowSpec> flows)
    {
        if (owner.Kind != OwnerKind.Pipeline)
        {
            return;
        }
        (TableId From, TableId To)[] passThrough =
        [
            // A port without group keys (none, or more than two groups) loads none: reg8 stays 0 in egress.
            (TableId.EgressSecurityGroupKey, TableId.EgressConntrack),
            // Non-IP traffic skips security groups; the security-group tables drop on a miss.
            (TableId.EgressConntrack, TableId.ServicesClassification),
            (TableId.ServicesClassification, TableId.L2Lookup),
            (TableId.Arp, TableId.L2Lookup),
            (TableId.Dhcp, TableId.L2Lookup),
            (TableId.Ipv6Nd, TableId.L2Lookup),
            (TableId.IngressNat, TableId.IngressDestinationLookup),
            (TableId.IngressNatResult, TableId.L3Lookup),
            (TableId.IngressConntrack, TableId.IngressDispatch),
        ];
        foreach (var (from, to) in passThrough)
        {
            flows.Add(Make(from, Priorities.Default, Match.Any, Id, owner, Goto(to)));
        }
        // In ingress reg8 may still hold the source port's key from egress: a destination
        // without a key of its own must not be checked against its sender's group.
        flows.Add(Make(TableId.IngressSecurityGroupKey, Priorities.Default, Match.Any, Id, owner,
            Apply(Registers.LoadSecurityGroupKey(0u)), Goto(TableId.IngressConntrack)));
        // Conntrack found the packet invalid for the connection it claims to belong to.
        flows.Add(Make(TableId.IngressNatResult, Priorities.Exception + 10,
            Match.Create(MatchField.CtState(CtStateFlags.Tracked | CtStateFlags.Invalid, CtStateFlags.Tracked | CtStateFlags.Invalid)), Id, owner));
        flows.Add(Make(TableId.ServicesClassification, Priorities.Entry, Match.Create(Arp), Id, owner, Goto(TableId.Arp)));
        // RFC 4861 neighbour solicitations go past the ND responder.
        flows.Add(Make(TableId.ServicesClassification, Priorities.Entry,
            Match.Create(Ipv6, MatchField.IpProto(58), MatchField.Icmpv6Type(135)), Id, owner, Goto(TableId.Ipv6Nd)));
        flows.Add(Make(TableId.ServicesClassification, Priorities.Entry,
            Match.Create(Ip, MatchField.IpProto(17), MatchField.UdpSrc(DhcpClientPort), MatchField.UdpDst(DhcpServerPort)),
            Id, owner, Goto(TableId.Dhcp)));
    }
}
