using System.Collections.Frozen;

namespace Wyvern.OpenFlow.Matching;

/// <summary>
/// Fields that exist both as an OpenFlow basic OXM and as an older Nicira
/// NXM header (ovs-fields(7) lists both names for each). Open vSwitch writes
/// field references in Nicira actions (move, field ranges) with the NXM
/// header when one exists, and so do we, so our bytes equal its own; when
/// decoding we map either header to the OXM field, so a flow read back from
/// the switch equals the flow that was sent.
/// </summary>
public static class NxmAliases
{
    private static readonly (OxmField Oxm, OxmField Nxm)[] Pairs =
    [
        (OxmField.EthDst, OxmField.NxmOfEthDst),
        (OxmField.EthSrc, OxmField.NxmOfEthSrc),
        (OxmField.EthType, OxmField.NxmOfEthType),
        (OxmField.IpProto, OxmField.NxmOfIpProto),
        (OxmField.Ipv4Src, OxmField.NxmOfIpSrc),
        (OxmField.Ipv4Dst, OxmField.NxmOfIpDst),
        (OxmField.TcpSrc, OxmField.NxmOfTcpSrc),
        (OxmField.TcpDst, OxmField.NxmOfTcpDst),
        (OxmField.UdpSrc, OxmField.NxmOfUdpSrc),
        (OxmField.UdpDst, OxmField.NxmOfUdpDst),
        (OxmField.Icmpv4Type, OxmField.NxmOfIcmpType),
        (OxmField.Icmpv4Code, OxmField.NxmOfIcmpCode),
        (OxmField.ArpOp, OxmField.NxmOfArpOp),
        (OxmField.ArpSpa, OxmField.NxmOfArpSpa),
        (OxmField.ArpTpa, OxmField.NxmOfArpTpa),
        (OxmField.ArpSha, OxmField.NxArpSha),
        (OxmField.ArpTha, OxmField.NxArpTha),
        (OxmField.TunnelId, OxmField.NxTunId),
    ];

    private static readonly FrozenDictionary<OxmField, OxmField> ToNxm = Pairs.ToFrozenDictionary(p => p.Oxm, p => p.Nxm);
    private static readonly FrozenDictionary<OxmField, OxmField> ToOxm = Pairs.ToFrozenDictionary(p => p.Nxm, p => p.Oxm);

    /// <summary>The OXM field for an NXM alias; any other field unchanged.</summary>
    public static OxmField Canonical(OxmField field) => ToOxm.GetValueOrDefault(field, field);

    /// <summary>The header Open vSwitch uses in a field reference: the NXM alias when there is one.</summary>
    public static OxmField ForFieldReference(OxmField field) => ToNxm.GetValueOrDefault(field, field);
}
