using System.Net;
using Wyvern.OpenFlow;
using Wyvern.OpenFlow.Matching;
using Wyvern.Pipeline;
using static Wyvern.Apps.Flows;

namespace Wyvern.Apps;

/// <summary>
/// Answers ARP requests in flows (no flooding, no controller) for every IPv4
/// address the model knows on a network: workload ports' fixed IPs (wherever
/// they are bound) and router interfaces. The request is turned into the
/// reply in place (RFC 826: swap sender and target, set the answer) and sent
/// back out of the port it came in on. A port's own probes and announcements
/// for its address are not answered (that would fake an address conflict);
/// they continue to L2.
/// </summary>
public sealed class ArpResponderApp : IApp
{
    public AppId Id => AppId.ArpResponder;

    public void Consider(Owner owner, IChassisView view, ICollection<FlowSpec> flows)
    {
        switch (owner.Kind)
        {
            case OwnerKind.Port when PortRoles.TryGetWorkload(view, owner.Id, out var port, out var network):
                foreach (var ip in PortRoles.Ipv4Addresses(port))
                {
                    // Only a port plugged here can send its own probes into this table.
                    AddResponder(flows, owner, network.Key, ip, Mac(port.MacAddress),
                        ownerMac: view.LocalOfPort(port.Id) is null ? null : Mac(port.MacAddress));
                }
                break;
            case OwnerKind.Router when view.Router(owner.Id) is { AdminStateUp: true } router:
                foreach (var rp in router.Ports)
                {
                    if (rp.IpAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && view.Network(rp.NetworkId) is { } net)
                    {
                        AddResponder(flows, owner, net.Key, rp.IpAddress, Mac(rp.MacAddress), ownerMac: null);
                    }
                }
                break;
            default:
                break;
        }
    }

    private void AddResponder(ICollection<FlowSpec> flows, Owner owner, int networkKey, IPAddress ip, MacAddress mac, MacAddress? ownerMac)
    {
        var request = Match.Create(Registers.MatchNetwork(networkKey), Arp, MatchField.ArpOp(1), MatchField.ArpTpa(ip));
        flows.Add(Make(TableId.Arp, Priorities.Entry, request, Id, owner, Apply([.. ArpReply(mac, ip)])));
        if (ownerMac is { } own)
        {
            flows.Add(Make(TableId.Arp, Priorities.Exception, request.With(MatchField.EthSrc(own)), Id, owner, Goto(TableId.L2Lookup)));
        }
    }
}
