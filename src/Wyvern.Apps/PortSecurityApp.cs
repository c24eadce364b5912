using System.Net;
using System.Net.Sockets;
using Wyvern.OpenFlow.Instructions;
using Wyvern.OpenFlow.Matching;
using Wyvern.Pipeline;
using static Wyvern.Apps.Flows;

namespace Wyvern.Apps;

/// <summary>
/// Anti-spoofing for a port plugged here, in three tables so that a port
/// costs few flows. With port security on, the port may send IPv4 only from
/// (its MAC, its fixed IPs) and (pair MAC or its MAC, allowed address pair
/// prefixes); ARP only with a matching sender MAC (eth_src and arp_sha) and
/// address; IPv6 only from its fixed, link-local and pair addresses; and from
/// its own MAC before it has an address: DHCP discovery, ARP probes and
/// ICMPv6 from :: (DAD, MLD). Everything else misses and drops. With port
/// security off, everything the port sends passes.
/// <para>
/// Table 5 (shared flows) loads the sender of IPv4 and ARP into registers
/// (MAC: eth_src, or arp_sha for ARP, into xreg0 with the IPv4 marker; address:
/// ipv4_src or arp_spa into reg2), so one flow per address in table 6 checks
/// both protocols; ICMPv6 from :: loads the MAC only. A port's own MAC with no
/// address (reg2 = 0) continues to table 7, whose shared flows admit the
/// unaddressed shapes. IPv6 addresses are checked per flow in table 5.
/// </para>
/// </summary>
public sealed class PortSecurityApp : IApp
{
    private const ushort DhcpServerPort = 67;
    private const ushort DhcpClientPort = 68;
    private const byte Icmpv6 = 58;

    public AppId Id => AppId.PortSecurity;

    public void Consider(Owner owner, IChassisView view, ICollection<FlowSpec> flows)
    {
        if (owner.Kind == OwnerKind.Pipeline)
        {
            AddSharedFlows(owner, flows);
            return;
        }
        if (owner.Kind != OwnerKind.Port || !PortRoles.TryGetWorkload(view, owner.Id, out var port, out _) ||
            view.LocalOfPort(port.Id) is null)
        {
            return;
        }
        var source = Registers.MatchSourcePort(port.Key);
        var admit = Goto(TableId.EgressSecurityGroupKey);
        if (!port.PortSecurityEnabled)
        {
            flows.Add(Make(TableId.EgressPortSecurity, Priorities.Entry, Match.Create(source), Id, owner, admit));
            return;
        }
        var mac = Mac(port.MacAddress);
        var allowed = PortRoles.Ipv4Addresses(port).Select(ip => (Mac: mac, Ip: ip, Prefix: 32))
            .Concat(port.AllowedAddressPairs
                .Where(p => p.IpPrefix.BaseAddress.AddressFamily == AddressFamily.InterNetwork)
                .Select(p => (Mac: p.MacAddress is { } m ? Mac(m) : mac, Ip: p.IpPrefix.BaseAddress, Prefix: p.IpPrefix.PrefixLength)))
            .Distinct();
        foreach (var (m, ip, prefix) in allowed)
        {
            var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
            flows.Add(Make(TableId.EgressPortSecurityAddress, Priorities.Entry,
                Match.Create([source, MatchField.EthSrc(m), .. Registers.MatchSenderMac(m.Value, ipv4Address: true),
                    MatchField.Reg(Registers.SenderAddress, MatchField.V4(ip), mask)]),
                Id, owner, admit));
        }
        // Its own MAC with no address (eth_src and arp_sha for ARP): on to the unaddressed shapes.
        flows.Add(Make(TableId.EgressPortSecurityAddress, Priorities.Fallback,
            Match.Create([source, MatchField.EthSrc(mac), .. Registers.MatchSenderMac(mac.Value, ipv4Address: false),
                MatchField.Reg(Registers.SenderAddress, 0)]),
            Id, owner, Goto(TableId.EgressPortSecurityUnaddressed)));
        AddIpv6(flows, owner, port, source, admit);
    }

    /// <summary>
    /// IPv6: the port's fixed addresses, its EUI-64 link-local address (ND,
    /// router solicitations) and allowed pairs. (From the unspecified address:
    /// the shared flows and table 7.)
    /// </summary>
    private void AddIpv6(ICollection<FlowSpec> flows, Owner owner, Model.LogicalPort port, MatchField source, OfpInstruction admit)
    {
        var mac = Mac(port.MacAddress);
        var v6 = PortRoles.Ipv6Addresses(port).Select(ip => (Mac: mac, Ip: ip, Prefix: 128))
            .Append((mac, PortRoles.LinkLocal(port.MacAddress), 128))
            .Concat(port.AllowedAddressPairs
                .Where(p => p.IpPrefix.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6)
                .Select(p => (Mac: p.MacAddress is { } m ? Mac(m) : mac, Ip: p.IpPrefix.BaseAddress, Prefix: p.IpPrefix.PrefixLength)))
            .Distinct();
        foreach (var (m, ip, prefix) in v6)
        {
            flows.Add(Make(TableId.EgressPortSecurity, Priorities.Entry,
                Match.Create(source, MatchField.EthSrc(m), Ipv6, prefix == 128 ? MatchField.Ipv6Src(ip) : MatchField.Ipv6Src(ip, prefix)),
                Id, owner, admit));
        }
    }

    /// <summary>
    /// The flows every port shares: the sender into registers (table 5, under
    /// the ports' own entries) and the shapes a port may send from its own MAC
    /// without an address (table 7).
    /// </summary>
    private void AddSharedFlows(Owner owner, ICollection<FlowSpec> flows)
    {
        var check = Goto(TableId.EgressPortSecurityAddress);
        var senderAddress = Registers.SenderAddressField;
        flows.Add(Make(TableId.EgressPortSecurity, Priorities.Shared, Match.Create(Ip), Id, owner,
            Apply(Move(OxmField.EthSrc, PipelineLayout.Scratch, 48), Registers.MarkSenderIpv4, Move(OxmField.Ipv4Src, senderAddress)), check));
        flows.Add(Make(TableId.EgressPortSecurity, Priorities.Shared, Match.Create(Arp), Id, owner,
            Apply(Move(OxmField.ArpSha, PipelineLayout.Scratch, 48), Registers.MarkSenderIpv4, Move(OxmField.ArpSpa, senderAddress)), check));
        var fromUnspecified = Match.Create(Ipv6, MatchField.Ipv6Src(IPAddress.IPv6Any), MatchField.IpProto(Icmpv6));
        flows.Add(Make(TableId.EgressPortSecurity, Priorities.Shared, fromUnspecified, Id, owner,
            Apply(Move(OxmField.EthSrc, PipelineLayout.Scratch, 48)), check));

        var admit = Goto(TableId.EgressSecurityGroupKey);
        // DHCP discovery/request before the port has an address (RFC 2131 §4.1: source 0.0.0.0, to broadcast).
        flows.Add(Make(TableId.EgressPortSecurityUnaddressed, Priorities.Entry,
            Match.Create(Ip, MatchField.Ipv4Src(IPAddress.Any), MatchField.Ipv4Dst(IPAddress.Broadcast),
                MatchField.IpProto(17), MatchField.UdpSrc(DhcpClientPort), MatchField.UdpDst(DhcpServerPort)),
            Id, owner, admit));
        // ARP probes (RFC 5227 §2.1.1: sender address 0.0.0.0) while checking an address before use.
        flows.Add(Make(TableId.EgressPortSecurityUnaddressed, Priorities.Entry,
            Match.Create(Arp, MatchField.ArpSpa(IPAddress.Any)), Id, owner, admit));
        // Duplicate address detection and MLD from the unspecified address (RFC 4862 §5.4.2, RFC 3810 §5.2.13).
        flows.Add(Make(TableId.EgressPortSecurityUnaddressed, Priorities.Entry, fromUnspecified, Id, owner, admit));
    }
}
