namespace Wyvern.Pipeline;

/// <summary>
/// The tables of Wyvern's pipeline, numbered after Dragonflow's so flows read
/// the same to anyone who knows it. <see cref="PipelineLayout"/> says what
/// each may match, set and go to.
/// </summary>
public enum TableId : byte
{
    /// <summary>in_port → source port key (reg6) and network key (metadata); tunnel in_port + tun_id → network.</summary>
    Classification = 0,

    /// <summary>Traffic from a provider network (patch port): VLAN → network.</summary>
    ExternalIngress = 2,

    /// <summary>Anti-spoofing: a port sends only from its own MACs and IPs (and allowed address pairs); IPv4 and ARP senders go on to <see cref="EgressPortSecurityAddress"/>.</summary>
    EgressPortSecurity = 5,

    /// <summary>Anti-spoofing: the port's (MAC, IPv4 address) pairs, checked on the sender loaded into registers.</summary>
    EgressPortSecurityAddress = 6,

    /// <summary>Anti-spoofing: what a port may send from its own MAC before it has an address (DHCP discovery, ARP probes, DAD).</summary>
    EgressPortSecurityUnaddressed = 7,

    /// <summary>The source port's security group keys (reg8), when it is in one or two groups.</summary>
    EgressSecurityGroupKey = 9,

    /// <summary>Egress conntrack (security groups).</summary>
    EgressConntrack = 10,

    /// <summary>Egress security group rules.</summary>
    EgressSecurityGroup = 15,

    /// <summary>ARP, DHCP and ND are diverted to their services; everything else goes to L2.</summary>
    ServicesClassification = 20,

    /// <summary>ARP responder: requests for known addresses answered in place.</summary>
    Arp = 25,

    /// <summary>DHCP requests to the controller.</summary>
    Dhcp = 30,

    /// <summary>IPv6 neighbour discovery responder.</summary>
    Ipv6Nd = 45,

    /// <summary>External network ingress: ARP for floating IPs and router gateway IPs answered; IPv4 to them un-NATed (conntrack, router zone).</summary>
    IngressNat = 50,

    /// <summary>After ingress NAT: unsolicited traffic to a gateway IP dropped, the rest routed by the router.</summary>
    IngressNatResult = 51,

    /// <summary>L2: destination MAC → destination port key (reg7), router MAC → L3, broadcast → flood.</summary>
    L2Lookup = 55,

    /// <summary>L3: router key (reg5) + destination prefix → next network, TTL, MACs.</summary>
    L3Lookup = 60,

    /// <summary>Neighbours: network + destination IP of a known port → its MAC.</summary>
    L3Proactive = 65,

    /// <summary>North-south egress: a floating IP's source NATed here (distributed), SNAT on the gateway chassis, or tunnelled to the gateway chassis.</summary>
    EgressNat = 70,

    /// <summary>After egress NAT: source MAC of the floating or gateway port, next hop MAC, the external network.</summary>
    EgressNatResult = 71,

    /// <summary>Egress dispatch: a destination on another chassis goes to its tunnel or provider network (local ones go straight to ingress).</summary>
    Egress = 75,

    /// <summary>To an external network: tag (VLAN) and out of its provider patch port.</summary>
    EgressExternal = 80,

    /// <summary>Packets from tunnels: destination MAC → destination port key.</summary>
    IngressDestinationLookup = 100,

    /// <summary>The destination port's security group keys (reg8), when it is in one or two groups; 0 otherwise.</summary>
    IngressSecurityGroupKey = 104,

    /// <summary>Ingress conntrack (security groups).</summary>
    IngressConntrack = 105,

    /// <summary>Ingress security group rules.</summary>
    IngressSecurityGroup = 110,

    /// <summary>Destination port key → output port.</summary>
    IngressDispatch = 115,
}
