using System.Net;
using Wyvern.OpenFlow.Matching;
using Wyvern.Pipeline;
using static Wyvern.Apps.Flows;

namespace Wyvern.Apps;

/// <summary>
/// Anti-spoofing for a port plugged here. With port security on, the port may
/// send IPv4 only from (its MAC, its fixed IPs) and (pair MAC or its MAC,
/// allowed address pair prefixes); ARP only with a matching sender MAC and
/// address; and DHCP discovery from 0.0.0.0. Everything else misses and drops.
/// With port security off, everything the port sends passes.
/// </summary>
public sealed class PortSecurityApp : IApp
{
    public AppId Id => AppId.PortSecurity;

    /// <summary>
    /// IPv6: the port's fixed addresses, its EUI-64 link-local address (ND,
    /// router solicitations) and allowed pairs; plus duplicate address
    /// detection and MLD from the unspecified address (RFC 4862 §5.4.2).
    /// </summary>
    private void AddIpv6(ICollection<FlowSpec> flows, Owner owner, Model.LogicalPort port, MatchField source, OpenFlow.Instructions.OfpInstruction next)
    {
        var mac = Mac(port.MacAddress);
        var v6 = PortRoles.Ipv6Addresses(port).Select(ip => (Mac: mac, Ip: ip, Prefix: 128))
            .Append((mac, PortRoles.LinkLocal(port.MacAddress), 128))
            .Concat(port.AllowedAddressPairs
                .Where(p => p.IpPrefix.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
                .Select(p => (Mac: p.MacAddress is { } m ? Mac(m) : mac, Ip: p.IpPrefix.BaseAddress, Prefix: p.IpPrefix.PrefixLength)))
            .Distinct();
        foreach (var (m, ip, prefix) in v6)
        {
            flows.Add(Make(TableId.EgressPortSecurity, Priorities.Entry,
                Match.Create(source, MatchField.EthSrc(m), Ipv6, prefix == 128 ? MatchField.Ipv6Src(ip) : MatchField.Ipv6Src(ip, prefix)),
                Id, owner, next));
        }
        flows.Add(Make(TableId.EgressPortSecurity, Priorities.Entry,
            Match.Create(source, MatchField.EthSrc(mac), Ipv6, MatchField.Ipv6Src(IPAddress.IPv6Any), MatchField.IpProto(58)),
            Id, owner, next));
    }

    public void Consider(Owner owner, IChassisView view, ICollection<FlowSpec> flows)
    {
        if (owner.Kind != OwnerKind.Port || !PortRoles.TryGetWorkload(view, owner.Id, out var port, out _) ||
            view.LocalOfPort(port.Id) is null)
        {
            return;
        }
        var source = Registers.MatchSourcePort(port.Key);
        var next = Goto(TableId.EgressConntrack);
        if (!port.PortSecurityEnabled)
        {
            flows.Add(Make(TableId.EgressPortSecurity, Priorities.Entry, Match.Create(source), Id, owner, next));
            return;
        }
        var mac = Mac(port.MacAddress);
        var allowed = PortRoles.Ipv4Addresses(port).Select(ip => (Mac: mac, Ip: ip, Prefix: 32))
            .Concat(port.AllowedAddressPairs
                .Where(p => p.IpPrefix.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                .Select(p => (Mac: p.MacAddress is { } m ? Mac(m) : mac, Ip: p.IpPrefix.BaseAddress, Prefix: p.IpPrefix.PrefixLength)))
            .Distinct();
        foreach (var (m, ip, prefix) in allowed)
        {
            flows.Add(Make(TableId.EgressPortSecurity, Priorities.Entry,
                Match.Create(source, MatchField.EthSrc(m), Ip, prefix == 32 ? MatchField.Ipv4Src(ip) : MatchField.Ipv4Src(ip, prefix)),
                Id, owner, next));
            flows.Add(Make(TableId.EgressPortSecurity, Priorities.Entry,
                Match.Create(source, MatchField.EthSrc(m), Arp, MatchField.ArpSha(m),
                    prefix == 32 ? MatchField.ArpSpa(ip) : MatchField.Create(OxmField.ArpSpa, MatchField.V4(ip), MatchField.PrefixMask(prefix, 4))),
                Id, owner, next));
        }
        AddIpv6(flows, owner, port, source, next);
        // ARP probes (RFC 5227 §2.1.1: sender address 0.0.0.0) while checking an address before use.
        flows.Add(Make(TableId.EgressPortSecurity, Priorities.Entry,
            Match.Create(source, MatchField.EthSrc(mac), Arp, MatchField.ArpSha(mac), MatchField.ArpSpa(IPAddress.Any)),
            Id, owner, next));
        // DHCP discovery/request before the port has an address (RFC 2131 §4.1: source 0.0.0.0, to broadcast).
        flows.Add(Make(TableId.EgressPortSecurity, Priorities.Entry,
            Match.Create(source, MatchField.EthSrc(mac), Ip, MatchField.Ipv4Src(IPAddress.Any), MatchField.Ipv4Dst(IPAddress.Broadcast),
                MatchField.IpProto(17), MatchField.UdpSrc(68), MatchField.UdpDst(67)),
            Id, owner, next));
    }
}
