using Wyvern.OpenFlow.Actions;
using Wyvern.OpenFlow.Matching;

namespace Wyvern.Pipeline;

/// <summary>
/// What the pipeline keeps in registers (Dragonflow's assignment):
/// <c>reg6</c> source port key, <c>reg7</c> destination port key,
/// <c>reg5</c> router key, <c>reg4</c> next-hop IPv4 address, <c>metadata</c> network key (also the conntrack zone).
/// <c>xreg0</c> (reg0/reg1) is scratch space: in port security it holds the
/// sender MAC (bits 0–47, i.e. reg0[0..15] and reg1) with reg0 bit 16 marking
/// an IPv4 sender address in <c>reg2</c>; later it swaps addresses in replies.
/// <c>reg3</c> holds the security-group conntrack zone of the current network
/// (loaded with the conntrack lookup, read when a connection is committed).
/// <c>reg8</c> holds the security group keys of the port whose rules apply (the source
/// port in egress, the destination port in ingress) when that port is in one or two
/// groups (the smaller key in bits 0–15, the other in bits 16–31), and 0 otherwise.
/// </summary>
public static class Registers
{
    /// <summary>The register holding the source logical port key.</summary>
    public const int SourcePort = 6;

    /// <summary>The register holding the destination logical port key.</summary>
    public const int DestinationPort = 7;

    /// <summary>The register holding the router key while routing.</summary>
    public const int Router = 5;

    /// <summary>The register holding the next-hop IPv4 address after a route matched.</summary>
    public const int NextHop = 4;

    /// <summary>The register holding the sender's IPv4 address (ipv4_src, or arp_spa for ARP) during port security.</summary>
    public const int SenderAddress = 2;

    /// <summary>The bit of reg0 (bit 48 of xreg0) set when reg2 holds an IPv4 sender address.</summary>
    public const int SenderIsIpv4Bit = 16;

    /// <summary>The register holding the conntrack zone (low 16 bits) between the security-group lookup and commit.</summary>
    public const int Zone = 3;

    /// <summary>The register holding the security group keys of the port whose rules apply (0: none, or more than two groups).</summary>
    public const int SecurityGroupKey = 8;

    /// <summary>reg8 field id.</summary>
    public static OxmField SecurityGroupKeyField => MatchField.RegField(SecurityGroupKey);

    /// <summary>Match on the bits of the security group key register in <paramref name="mask"/> (one key's half).</summary>
    public static MatchField MatchSecurityGroupKey(uint key, uint mask) => MatchField.Reg(SecurityGroupKey, key, mask);

    /// <summary>Load the security group key register.</summary>
    public static OfpAction LoadSecurityGroupKey(uint key) => new SetFieldAction(MatchField.Reg(SecurityGroupKey, key));

    /// <summary>reg2 field id.</summary>
    public static OxmField SenderAddressField => MatchField.RegField(SenderAddress);

    /// <summary>reg0 field id: the sender MAC's top 16 bits and the IPv4 marker bit.</summary>
    public static OxmField SenderMacHighField => MatchField.RegField(0);

    /// <summary>reg1 field id: the sender MAC's low 32 bits.</summary>
    public static OxmField SenderMacLowField => MatchField.RegField(1);

    /// <summary>
    /// Match a sender MAC loaded into xreg0, as the switch reports it (reg0
    /// and reg1): with <paramref name="ipv4Address"/>, also the marker that
    /// reg2 holds an IPv4 sender address; without, the marker either way.
    /// </summary>
    public static MatchField[] MatchSenderMac(ulong mac, bool ipv4Address)
    {
        var high = (uint)(mac >> 32) & 0xffff;
        return
        [
            ipv4Address ? MatchField.Reg(0, high | (1u << SenderIsIpv4Bit)) : MatchField.Reg(0, high, 0xffff),
            MatchField.Reg(1, (uint)mac),
        ];
    }

    /// <summary>Mark reg2 as holding an IPv4 sender address (reg0 bit 16).</summary>
    public static OfpAction MarkSenderIpv4 => new SetFieldAction(MatchField.Reg(0, 1u << SenderIsIpv4Bit, 1u << SenderIsIpv4Bit));

    /// <summary>reg3 field id.</summary>
    public static OxmField ZoneField => MatchField.RegField(Zone);

    /// <summary>Set the conntrack zone register.</summary>
    public static OfpAction LoadZone(ushort zone) => new SetFieldAction(MatchField.Reg(Zone, zone));

    /// <summary>The zone register as a 16-bit field range (ct zone source).</summary>
    public static NxFieldRef ZoneRef => new(ZoneField, 0, 16);

    /// <summary>reg4 field id.</summary>
    public static OxmField NextHopField => MatchField.RegField(NextHop);

    /// <summary>reg6 field id.</summary>
    public static OxmField SourcePortField => MatchField.RegField(SourcePort);

    /// <summary>reg7 field id.</summary>
    public static OxmField DestinationPortField => MatchField.RegField(DestinationPort);

    /// <summary>reg5 field id.</summary>
    public static OxmField RouterField => MatchField.RegField(Router);

    /// <summary>Match on the source port key.</summary>
    public static MatchField MatchSourcePort(int key) => MatchField.Reg(SourcePort, (uint)key);

    /// <summary>Match on the destination port key.</summary>
    public static MatchField MatchDestinationPort(int key) => MatchField.Reg(DestinationPort, (uint)key);

    /// <summary>Match on the router key.</summary>
    public static MatchField MatchRouter(int key) => MatchField.Reg(Router, (uint)key);

    /// <summary>Match on the network key.</summary>
    public static MatchField MatchNetwork(int key) => MatchField.Metadata((ulong)key);

    /// <summary>Set the source port key.</summary>
    public static OfpAction LoadSourcePort(int key) => new SetFieldAction(MatchField.Reg(SourcePort, (uint)key));

    /// <summary>Set the destination port key.</summary>
    public static OfpAction LoadDestinationPort(int key) => new SetFieldAction(MatchField.Reg(DestinationPort, (uint)key));

    /// <summary>Set the router key.</summary>
    public static OfpAction LoadRouter(int key) => new SetFieldAction(MatchField.Reg(Router, (uint)key));

    /// <summary>Set the network key.</summary>
    public static OfpAction LoadNetwork(int key) => new SetFieldAction(MatchField.Metadata((ulong)key));
}
