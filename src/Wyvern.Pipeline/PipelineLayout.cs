using System.Collections.Frozen;
using Wyvern.OpenFlow.Matching;
using F = Wyvern.OpenFlow.Matching.OxmField;

namespace Wyvern.Pipeline;

/// <summary>
/// The pipeline as data: every table, what it may match and set, where it
/// may go. <see cref="FlowValidator"/> checks each app's flows against it in
/// tests, and <c>docs/pipeline.md</c> is generated from it
/// (<see cref="PipelineDocument"/>), so the document cannot drift from the code.
/// </summary>
public static class PipelineLayout
{
    private static readonly F[] L2 = [F.EthSrc, F.EthDst, F.EthType];
    private static readonly F[] Ip4 = [F.Ipv4Src, F.Ipv4Dst, F.IpProto, F.IpTtl];
    private static readonly F[] L4 = [F.TcpSrc, F.TcpDst, F.UdpSrc, F.UdpDst, F.Icmpv4Type, F.Icmpv4Code];
    private static readonly F[] Arp = [F.ArpOp, F.ArpSpa, F.ArpTpa, F.ArpSha, F.ArpTha];
    private static readonly F[] Ip6 = [F.Ipv6Src, F.Ipv6Dst, F.Icmpv6Type, F.Icmpv6Code, F.Ipv6NdTarget, F.Ipv6NdSll, F.Ipv6NdTll];

    private static F SourcePort => Registers.SourcePortField;

    private static F DestinationPort => Registers.DestinationPortField;

    private static F Router => Registers.RouterField;

    private static F NextHop => Registers.NextHopField;

    private static F Zone => Registers.ZoneField;

    private static F GroupKey => Registers.SecurityGroupKeyField;

    private static F SenderMacHigh => Registers.SenderMacHighField;

    private static F SenderMacLow => Registers.SenderMacLowField;

    private static F SenderAddress => Registers.SenderAddressField;

    /// <summary>Scratch register (xreg0 = reg0:reg1): the sender MAC during port security, addresses being swapped in replies.</summary>
    public static F Scratch => MatchField.XregField(0);

    /// <summary>Every table, by id.</summary>
    public static FrozenDictionary<TableId, TableSpec> Tables { get; } = new[]
    {
        Table(TableId.Classification, "Classify by input port: a VM port loads its port key (reg6) and network key (metadata); a tunnel port with a known VNI loads the network key.",
            [F.InPort, F.TunnelId, F.TunIpv4Src], [SourcePort, F.Metadata], [TableId.ExternalIngress, TableId.EgressPortSecurity, TableId.IngressDestinationLookup]),
        Table(TableId.ExternalIngress, "Traffic arriving from a provider network through its patch port: VLAN (or none, for flat) → network key.",
            [F.InPort, F.VlanVid, .. L2], [F.Metadata, F.VlanVid], [TableId.IngressNat, TableId.IngressDestinationLookup]),
        Table(TableId.EgressPortSecurity, "Anti-spoofing, by sender: a port with port security off passes; IPv6 from one of the port's own MAC and address pairs (fixed IPs, EUI-64 link-local, allowed address pairs) passes; IPv4 and ARP load the sender MAC (eth_src; arp_sha for ARP) into xreg0, mark reg0 bit 16 and load the sender address (ipv4_src; arp_spa) into reg2, ICMPv6 from :: (DAD, MLD) loads the sender MAC only, and both go on to the address check; everything else is dropped.",
            [SourcePort, F.EthSrc, F.EthType, F.Ipv6Src, F.IpProto], [Scratch, SenderMacHigh, SenderAddress], [TableId.EgressPortSecurityAddress, TableId.EgressSecurityGroupKey]),
        Table(TableId.EgressPortSecurityAddress, "Anti-spoofing, by address: the port (reg6) with its MAC (eth_src and the sender MAC in reg0/reg1) and one of its IPv4 addresses or allowed address pairs (reg2, marked IPv4) passes; the port's own MAC with no sender address (reg2 = 0) goes on to the unaddressed check; everything else is dropped.",
            [SourcePort, F.EthSrc, SenderMacHigh, SenderMacLow, SenderAddress], [], [TableId.EgressPortSecurityUnaddressed, TableId.EgressSecurityGroupKey]),
        Table(TableId.EgressPortSecurityUnaddressed, "Anti-spoofing, from a port's own MAC without an address: DHCP discovery (0.0.0.0 to 255.255.255.255, UDP 68 to 67), ARP probes (sender 0.0.0.0) and ICMPv6 from :: (duplicate address detection, MLD) pass; everything else is dropped.",
            [F.EthType, F.IpProto, F.Ipv4Src, F.Ipv4Dst, F.UdpSrc, F.UdpDst, F.ArpSpa, F.Ipv6Src], [], [TableId.EgressSecurityGroupKey]),
        Table(TableId.EgressSecurityGroupKey, "Egress security-group key: a port with port security in one or two security groups loads their keys into reg8 (the smaller in bits 0-15, the other in bits 16-31), so each group's rules take it as flows of the group rather than one per port; other packets keep reg8 = 0 (registers start at zero).",
            [SourcePort], [GroupKey], [TableId.EgressConntrack]),
        Table(TableId.EgressConntrack, "Egress conntrack: IPv4/IPv6 from a port with port security loads the network's zone (reg3) and goes through conntrack in it, continuing in the egress security-group table; ports with port security off, non-IP traffic, DHCP requests and IPv6 router/neighbour discovery and MLD skip security groups.",
            [SourcePort, F.Metadata, F.EthType, F.IpProto, F.UdpSrc, F.UdpDst, F.Icmpv6Type], [Zone], [TableId.EgressSecurityGroup, TableId.ServicesClassification]),
        Table(TableId.EgressSecurityGroup, "Egress security groups: invalid connections dropped; replies, related traffic and connections already admitted here pass; otherwise a conjunctive match (port's group, by its key in either half of reg8 or, for a port in more than two groups, by the port × destination × protocol/ports) admits and commits the connection (ct_mark bit 0); the rest is dropped.",
            [SourcePort, GroupKey, F.CtState, F.CtMark, F.ConjId, .. L2, .. Ip4, .. L4, .. Ip6], [F.CtMark], [TableId.ServicesClassification]),
        Table(TableId.ServicesClassification, "ARP goes to the ARP responder, DHCP requests to the DHCP table, the rest to L2 lookup.",
            [F.Metadata, F.EthType, F.IpProto, F.UdpSrc, F.UdpDst, F.Icmpv6Type], [], [TableId.Arp, TableId.Dhcp, TableId.Ipv6Nd, TableId.L2Lookup]),
        Table(TableId.Arp, "ARP requests for a known address on the network (a port, a router interface) are answered in place, except the owner's own probes and announcements; the rest continue to L2.",
            [F.Metadata, F.EthType, F.EthSrc, .. Arp], [F.EthSrc, F.EthDst, F.ArpOp, F.ArpSha, F.ArpSpa, F.ArpTha, F.ArpTpa], [TableId.L2Lookup], mayOutput: true),
        Table(TableId.Dhcp, "DHCP requests from a port on a network with DHCP go to the controller (which answers from the model); others continue to L2.",
            [F.Metadata, F.EthType, F.IpProto, F.UdpSrc, F.UdpDst], [], [TableId.L2Lookup], mayOutput: true),
        Table(TableId.Ipv6Nd, "IPv6 neighbour solicitations for a router interface go to the controller (it answers with an advertisement); the rest continue to L2.",
            [F.Metadata, F.EthType, F.IpProto, .. Ip6], [F.EthSrc, F.EthDst, F.Ipv6Src, F.Ipv6Dst, F.Icmpv6Type, F.Ipv6NdTarget, F.Ipv6NdTll], [TableId.L2Lookup], mayOutput: true),
        Table(TableId.IngressNat, "On an external network: ARP requests for a floating IP (on the one chassis that serves it) or a router gateway IP (on the router's active gateway chassis) are answered; ARP replies to a gateway port go to the controller (next-hop learning); IPv4 to a floating IP is DNATed to its fixed IP, to a gateway IP un-SNATed, in the router's conntrack zone; the rest continues to ingress lookup.",
            [F.Metadata, F.EthType, F.EthDst, .. Arp, F.Ipv4Dst, F.IpProto], [Router, F.EthSrc, F.EthDst, F.ArpOp, F.ArpSha, F.ArpSpa, F.ArpTha, F.ArpTpa], [TableId.IngressNatResult, TableId.IngressDestinationLookup], mayOutput: true),
        Table(TableId.IngressNatResult, "After ingress NAT: a packet still addressed to a gateway IP had no connection (unsolicited) and is dropped; invalid ones too; the rest is routed by the router (reg5).",
            [Router, F.CtState, F.EthType, F.Ipv4Dst], [], [TableId.L3Lookup]),
        Table(TableId.L2Lookup, "Destination MAC of a port → reg7, then ingress for a port bound here and egress for one bound elsewhere; a router interface MAC → reg5 and L3; broadcast and multicast → every local port of the network and one tunnelled copy per remote host of it.",
            [F.Metadata, F.EthDst], [DestinationPort, Router, F.TunnelId, F.TunIpv4Dst, F.VlanVid], [TableId.Egress, TableId.L3Lookup, TableId.IngressSecurityGroupKey], mayOutput: true),
        Table(TableId.L3Lookup, "Distributed routing on the source chassis: router key + longest destination prefix → TTL decrement, source MAC of the outgoing interface, network key of the next network; echo requests to the router's own addresses are answered in place.",
            [Router, F.Metadata, F.EthType, F.Ipv4Dst, F.Ipv6Dst, F.IpProto, F.Icmpv4Type], [F.Metadata, F.EthSrc, F.EthDst, F.Ipv4Src, F.Ipv4Dst, F.Icmpv4Type, Scratch, NextHop], [TableId.L3Proactive, TableId.EgressNat], mayOutput: true),
        Table(TableId.L3Proactive, "Neighbours: network key + next-hop IPv4 (reg4) or destination IPv6 of a known port → its MAC, then L2 lookup in the next network.",
            [F.Metadata, F.EthType, NextHop, F.Ipv6Dst], [F.EthDst], [TableId.L2Lookup]),
        Table(TableId.EgressNat, "North-south traffic leaving a router (its default route, TTL already decremented): from a fixed IP with a floating IP served here → SNAT to the floating IP; on the router's active gateway chassis → SNAT to the gateway IP; elsewhere → tunnelled as it is to the active gateway chassis, which continues here. Conntrack in the router's zone.",
            [Router, F.Metadata, F.EthType, F.Ipv4Src, F.Ipv4Dst], [F.TunnelId, F.TunIpv4Dst], [TableId.EgressNatResult], mayOutput: true),
        Table(TableId.EgressNatResult, "After egress NAT: source MAC of the floating port (or gateway port), destination MAC of the external next hop, the external network's key.",
            [Router, F.CtState, F.EthType, F.Ipv4Src], [F.EthSrc, F.EthDst, F.Metadata], [TableId.EgressExternal]),
        Table(TableId.EgressExternal, "Onto an external network: tag (VLAN) and out of its provider patch port.",
            [F.Metadata], [F.VlanVid], [], mayOutput: true),
        Table(TableId.Egress, "A destination port bound on another chassis is tunnelled there (tun_id, tun_dst, the virtual tunnel port), or, on a VLAN/flat network, tagged and sent out of the provider patch port.",
            [DestinationPort, F.Metadata], [F.TunnelId, F.TunIpv4Dst, F.VlanVid], [], mayOutput: true),
        Table(TableId.IngressDestinationLookup, "Packets from a tunnel: destination MAC → reg7; broadcast → the network's local ports; on a router's active gateway chassis, a router interface MAC (north-south traffic routed on another chassis and tunnelled here) → reg5 and egress NAT.",
            [F.Metadata, F.EthDst], [DestinationPort, Router], [TableId.IngressSecurityGroupKey, TableId.EgressNat]),
        Table(TableId.IngressSecurityGroupKey, "Ingress security-group key: a port with port security in one or two security groups loads their keys into reg8; every other destination loads 0 (egress may have left the source port's keys there).",
            [DestinationPort], [GroupKey], [TableId.IngressConntrack]),
        Table(TableId.IngressConntrack, "Ingress conntrack: IPv4/IPv6 to a port with port security loads the network's zone (reg3) and goes through conntrack in it, continuing in the ingress security-group table; ports with port security off, non-IP traffic, DHCP replies and IPv6 router/neighbour discovery skip security groups.",
            [DestinationPort, F.Metadata, F.EthType, F.IpProto, F.UdpSrc, F.UdpDst, F.Icmpv6Type], [Zone], [TableId.IngressSecurityGroup, TableId.IngressDispatch]),
        Table(TableId.IngressSecurityGroup, "Ingress security groups: invalid connections dropped; replies, related traffic and connections already admitted here pass; otherwise a conjunctive match (port's group, by its key in either half of reg8 or, for a port in more than two groups, by the port × source × protocol/ports) admits and commits the connection (ct_mark bit 1); the rest is dropped.",
            [DestinationPort, GroupKey, F.CtState, F.CtMark, F.ConjId, .. L2, .. Ip4, .. L4, .. Ip6], [F.CtMark], [TableId.IngressDispatch]),
        Table(TableId.IngressDispatch, "Destination port key → the port's ofport.",
            [DestinationPort], [], [], mayOutput: true),
    }.ToFrozenDictionary(t => t.Id);

    /// <summary>Tables whose flows may output packets (to a port, the controller, or in_port).</summary>
    public static bool MayOutput(TableId table) => Tables[table].MayOutput;

    private static TableSpec Table(TableId id, string purpose, F[] matches, F[] sets, TableId[] next, bool mayOutput = false) =>
        new(id, purpose, matches.ToFrozenSet(), sets.ToFrozenSet(), next.ToFrozenSet(), mayOutput);
}
