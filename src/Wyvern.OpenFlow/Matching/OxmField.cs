namespace Wyvern.OpenFlow.Matching;

/// <summary>
/// A match field: its OXM header without the has-mask bit and length
/// (oxm_class(16) field(7) hasmask(1) length(8), OF 1.3.5 §7.2.3.2), so the
/// value is the wire identity. Classes: 0x8000 OPENFLOW_BASIC (§7.2.3.7),
/// 0x0001 NXM_NX and 0x0000 NXM_OF (Open vSwitch nicira-ext / ovs-fields(7)),
/// 0x8001 PACKET_REGS (xreg, OF 1.5 §7.2.3.10, accepted by OVS in 1.3).
/// Values outside this list decode as unknown fields that round-trip.
/// </summary>
public enum OxmField : uint
{
    /// <summary>in_port (class 0x8000, field 0, 4 bytes).</summary>
    InPort = 0x80000000,
    /// <summary>in_phy_port (class 0x8000, field 1, 4 bytes).</summary>
    InPhyPort = 0x80000200,
    /// <summary>metadata (class 0x8000, field 2, 8 bytes).</summary>
    Metadata = 0x80000400,
    /// <summary>eth_dst (class 0x8000, field 3, 6 bytes).</summary>
    EthDst = 0x80000600,
    /// <summary>eth_src (class 0x8000, field 4, 6 bytes).</summary>
    EthSrc = 0x80000800,
    /// <summary>eth_type (class 0x8000, field 5, 2 bytes).</summary>
    EthType = 0x80000a00,
    /// <summary>vlan_vid (class 0x8000, field 6, 2 bytes).</summary>
    VlanVid = 0x80000c00,
    /// <summary>vlan_pcp (class 0x8000, field 7, 1 bytes).</summary>
    VlanPcp = 0x80000e00,
    /// <summary>ip_dscp (class 0x8000, field 8, 1 bytes).</summary>
    IpDscp = 0x80001000,
    /// <summary>ip_ecn (class 0x8000, field 9, 1 bytes).</summary>
    IpEcn = 0x80001200,
    /// <summary>ip_proto (class 0x8000, field 10, 1 bytes).</summary>
    IpProto = 0x80001400,
    /// <summary>ipv4_src (class 0x8000, field 11, 4 bytes).</summary>
    Ipv4Src = 0x80001600,
    /// <summary>ipv4_dst (class 0x8000, field 12, 4 bytes).</summary>
    Ipv4Dst = 0x80001800,
    /// <summary>tcp_src (class 0x8000, field 13, 2 bytes).</summary>
    TcpSrc = 0x80001a00,
    /// <summary>tcp_dst (class 0x8000, field 14, 2 bytes).</summary>
    TcpDst = 0x80001c00,
    /// <summary>udp_src (class 0x8000, field 15, 2 bytes).</summary>
    UdpSrc = 0x80001e00,
    /// <summary>udp_dst (class 0x8000, field 16, 2 bytes).</summary>
    UdpDst = 0x80002000,
    /// <summary>sctp_src (class 0x8000, field 17, 2 bytes).</summary>
    SctpSrc = 0x80002200,
    /// <summary>sctp_dst (class 0x8000, field 18, 2 bytes).</summary>
    SctpDst = 0x80002400,
    /// <summary>icmpv4_type (class 0x8000, field 19, 1 bytes).</summary>
    Icmpv4Type = 0x80002600,
    /// <summary>icmpv4_code (class 0x8000, field 20, 1 bytes).</summary>
    Icmpv4Code = 0x80002800,
    /// <summary>arp_op (class 0x8000, field 21, 2 bytes).</summary>
    ArpOp = 0x80002a00,
    /// <summary>arp_spa (class 0x8000, field 22, 4 bytes).</summary>
    ArpSpa = 0x80002c00,
    /// <summary>arp_tpa (class 0x8000, field 23, 4 bytes).</summary>
    ArpTpa = 0x80002e00,
    /// <summary>arp_sha (class 0x8000, field 24, 6 bytes).</summary>
    ArpSha = 0x80003000,
    /// <summary>arp_tha (class 0x8000, field 25, 6 bytes).</summary>
    ArpTha = 0x80003200,
    /// <summary>ipv6_src (class 0x8000, field 26, 16 bytes).</summary>
    Ipv6Src = 0x80003400,
    /// <summary>ipv6_dst (class 0x8000, field 27, 16 bytes).</summary>
    Ipv6Dst = 0x80003600,
    /// <summary>ipv6_label (class 0x8000, field 28, 4 bytes).</summary>
    Ipv6Flabel = 0x80003800,
    /// <summary>icmpv6_type (class 0x8000, field 29, 1 bytes).</summary>
    Icmpv6Type = 0x80003a00,
    /// <summary>icmpv6_code (class 0x8000, field 30, 1 bytes).</summary>
    Icmpv6Code = 0x80003c00,
    /// <summary>nd_target (class 0x8000, field 31, 16 bytes).</summary>
    Ipv6NdTarget = 0x80003e00,
    /// <summary>nd_sll (class 0x8000, field 32, 6 bytes).</summary>
    Ipv6NdSll = 0x80004000,
    /// <summary>nd_tll (class 0x8000, field 33, 6 bytes).</summary>
    Ipv6NdTll = 0x80004200,
    /// <summary>mpls_label (class 0x8000, field 34, 4 bytes).</summary>
    MplsLabel = 0x80004400,
    /// <summary>mpls_tc (class 0x8000, field 35, 1 bytes).</summary>
    MplsTc = 0x80004600,
    /// <summary>mpls_bos (class 0x8000, field 36, 1 bytes).</summary>
    MplsBos = 0x80004800,
    /// <summary>pbb_isid (class 0x8000, field 37, 3 bytes).</summary>
    PbbIsid = 0x80004a00,
    /// <summary>tun_id (class 0x8000, field 38, 8 bytes).</summary>
    TunnelId = 0x80004c00,
    /// <summary>ipv6_exthdr (class 0x8000, field 39, 2 bytes).</summary>
    Ipv6Exthdr = 0x80004e00,
    /// <summary>reg0 (class 0x0001, field 0, 4 bytes).</summary>
    Reg0 = 0x00010000,
    /// <summary>reg1 (class 0x0001, field 1, 4 bytes).</summary>
    Reg1 = 0x00010200,
    /// <summary>reg2 (class 0x0001, field 2, 4 bytes).</summary>
    Reg2 = 0x00010400,
    /// <summary>reg3 (class 0x0001, field 3, 4 bytes).</summary>
    Reg3 = 0x00010600,
    /// <summary>reg4 (class 0x0001, field 4, 4 bytes).</summary>
    Reg4 = 0x00010800,
    /// <summary>reg5 (class 0x0001, field 5, 4 bytes).</summary>
    Reg5 = 0x00010a00,
    /// <summary>reg6 (class 0x0001, field 6, 4 bytes).</summary>
    Reg6 = 0x00010c00,
    /// <summary>reg7 (class 0x0001, field 7, 4 bytes).</summary>
    Reg7 = 0x00010e00,
    /// <summary>reg8 (class 0x0001, field 8, 4 bytes).</summary>
    Reg8 = 0x00011000,
    /// <summary>reg9 (class 0x0001, field 9, 4 bytes).</summary>
    Reg9 = 0x00011200,
    /// <summary>reg10 (class 0x0001, field 10, 4 bytes).</summary>
    Reg10 = 0x00011400,
    /// <summary>reg11 (class 0x0001, field 11, 4 bytes).</summary>
    Reg11 = 0x00011600,
    /// <summary>reg12 (class 0x0001, field 12, 4 bytes).</summary>
    Reg12 = 0x00011800,
    /// <summary>reg13 (class 0x0001, field 13, 4 bytes).</summary>
    Reg13 = 0x00011a00,
    /// <summary>reg14 (class 0x0001, field 14, 4 bytes).</summary>
    Reg14 = 0x00011c00,
    /// <summary>reg15 (class 0x0001, field 15, 4 bytes).</summary>
    Reg15 = 0x00011e00,
    /// <summary>nxm_tun_id (class 0x0001, field 16, 8 bytes).</summary>
    NxTunId = 0x00012000,
    /// <summary>nw_ttl (class 0x0001, field 29, 1 bytes).</summary>
    IpTtl = 0x00013a00,
    /// <summary>tun_src (class 0x0001, field 31, 4 bytes).</summary>
    TunIpv4Src = 0x00013e00,
    /// <summary>tun_dst (class 0x0001, field 32, 4 bytes).</summary>
    TunIpv4Dst = 0x00014000,
    /// <summary>pkt_mark (class 0x0001, field 33, 4 bytes).</summary>
    PktMark = 0x00014200,
    /// <summary>ct_state (class 0x0001, field 105, 4 bytes).</summary>
    CtState = 0x0001d200,
    /// <summary>ct_zone (class 0x0001, field 106, 2 bytes).</summary>
    CtZone = 0x0001d400,
    /// <summary>ct_mark (class 0x0001, field 107, 4 bytes).</summary>
    CtMark = 0x0001d600,
    /// <summary>ct_label (class 0x0001, field 108, 16 bytes).</summary>
    CtLabel = 0x0001d800,
    /// <summary>ct_nw_proto (class 0x0001, field 119, 1 bytes).</summary>
    CtNwProto = 0x0001ee00,
    /// <summary>ct_nw_src (class 0x0001, field 120, 4 bytes).</summary>
    CtNwSrc = 0x0001f000,
    /// <summary>ct_nw_dst (class 0x0001, field 121, 4 bytes).</summary>
    CtNwDst = 0x0001f200,
    /// <summary>ct_tp_src (class 0x0001, field 124, 2 bytes).</summary>
    CtTpSrc = 0x0001f800,
    /// <summary>ct_tp_dst (class 0x0001, field 125, 2 bytes).</summary>
    CtTpDst = 0x0001fa00,
    /// <summary>nxm_arp_sha (class 0x0001, field 17, 6 bytes).</summary>
    NxArpSha = 0x00012200,
    /// <summary>nxm_arp_tha (class 0x0001, field 18, 6 bytes).</summary>
    NxArpTha = 0x00012400,
    /// <summary>NXM_OF_IN_PORT (class 0x0000, field 0, 2 bytes).</summary>
    NxmOfInPort = 0x00000000,
    /// <summary>NXM_OF_ETH_DST (class 0x0000, field 1, 6 bytes).</summary>
    NxmOfEthDst = 0x00000200,
    /// <summary>NXM_OF_ETH_SRC (class 0x0000, field 2, 6 bytes).</summary>
    NxmOfEthSrc = 0x00000400,
    /// <summary>NXM_OF_ETH_TYPE (class 0x0000, field 3, 2 bytes).</summary>
    NxmOfEthType = 0x00000600,
    /// <summary>NXM_OF_VLAN_TCI (class 0x0000, field 4, 2 bytes).</summary>
    NxmOfVlanTci = 0x00000800,
    /// <summary>NXM_OF_IP_TOS (class 0x0000, field 5, 1 bytes).</summary>
    NxmOfIpTos = 0x00000a00,
    /// <summary>NXM_OF_IP_PROTO (class 0x0000, field 6, 1 bytes).</summary>
    NxmOfIpProto = 0x00000c00,
    /// <summary>NXM_OF_IP_SRC (class 0x0000, field 7, 4 bytes).</summary>
    NxmOfIpSrc = 0x00000e00,
    /// <summary>NXM_OF_IP_DST (class 0x0000, field 8, 4 bytes).</summary>
    NxmOfIpDst = 0x00001000,
    /// <summary>NXM_OF_TCP_SRC (class 0x0000, field 9, 2 bytes).</summary>
    NxmOfTcpSrc = 0x00001200,
    /// <summary>NXM_OF_TCP_DST (class 0x0000, field 10, 2 bytes).</summary>
    NxmOfTcpDst = 0x00001400,
    /// <summary>NXM_OF_UDP_SRC (class 0x0000, field 11, 2 bytes).</summary>
    NxmOfUdpSrc = 0x00001600,
    /// <summary>NXM_OF_UDP_DST (class 0x0000, field 12, 2 bytes).</summary>
    NxmOfUdpDst = 0x00001800,
    /// <summary>NXM_OF_ICMP_TYPE (class 0x0000, field 13, 1 bytes).</summary>
    NxmOfIcmpType = 0x00001a00,
    /// <summary>NXM_OF_ICMP_CODE (class 0x0000, field 14, 1 bytes).</summary>
    NxmOfIcmpCode = 0x00001c00,
    /// <summary>NXM_OF_ARP_OP (class 0x0000, field 15, 2 bytes).</summary>
    NxmOfArpOp = 0x00001e00,
    /// <summary>NXM_OF_ARP_SPA (class 0x0000, field 16, 4 bytes).</summary>
    NxmOfArpSpa = 0x00002000,
    /// <summary>NXM_OF_ARP_TPA (class 0x0000, field 17, 4 bytes).</summary>
    NxmOfArpTpa = 0x00002200,
    /// <summary>xreg0 (class 0x8001, field 0, 8 bytes).</summary>
    Xreg0 = 0x80010000,
    /// <summary>xreg1 (class 0x8001, field 1, 8 bytes).</summary>
    Xreg1 = 0x80010200,
    /// <summary>xreg2 (class 0x8001, field 2, 8 bytes).</summary>
    Xreg2 = 0x80010400,
    /// <summary>xreg3 (class 0x8001, field 3, 8 bytes).</summary>
    Xreg3 = 0x80010600,
    /// <summary>xreg4 (class 0x8001, field 4, 8 bytes).</summary>
    Xreg4 = 0x80010800,
    /// <summary>xreg5 (class 0x8001, field 5, 8 bytes).</summary>
    Xreg5 = 0x80010a00,
    /// <summary>xreg6 (class 0x8001, field 6, 8 bytes).</summary>
    Xreg6 = 0x80010c00,
    /// <summary>xreg7 (class 0x8001, field 7, 8 bytes).</summary>
    Xreg7 = 0x80010e00,
    /// <summary>dp_hash (class 0x0001, field 35, 4 bytes).</summary>
    DpHash = 0x00014600,
    /// <summary>recirc_id (class 0x0001, field 36, 4 bytes).</summary>
    RecircId = 0x00014800,
    /// <summary>conj_id (class 0x0001, field 37, 4 bytes).</summary>
    ConjId = 0x00014a00,
}
