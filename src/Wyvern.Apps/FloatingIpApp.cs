using System.Net.Sockets;
using Wyvern.Model;
using Wyvern.OpenFlow.Actions;
using Wyvern.OpenFlow.Matching;
using Wyvern.Pipeline;
using static Wyvern.Apps.Flows;

namespace Wyvern.Apps;

/// <summary>
/// Floating IPs (Dragonflow's distributed DNAT). Exactly one chassis serves a
/// floating IP: the chassis its target port is bound on, when that chassis has
/// a port on the external network's physical network (distributed: traffic goes
/// straight between the external network and the VM's host); otherwise the
/// router's active gateway chassis (centralized: it tunnels to and from the
/// VM's host). Every chassis computes the same answer from the model, so the
/// external network never sees two chassis answer ARP for one floating IP.
/// <para>On the serving chassis: ARP for the floating IP is answered with the
/// floating port's MAC; IPv4 to it is DNATed to the fixed IP in the router's
/// conntrack zone and routed into the VM's network; IPv4 routed out of the
/// router from the fixed IP is SNATed to the floating IP and sent from the
/// floating port's MAC to the external next hop. Conntrack (not stateless
/// rewriting) so ICMP errors about NATed packets are translated too.</para>
/// </summary>
public sealed class FloatingIpApp : IApp
{
    public AppId Id => AppId.Dnat;

    public void Consider(Owner owner, IChassisView view, ICollection<FlowSpec> flows)
    {
        if (owner.Kind != OwnerKind.FloatingIp || view.FloatingIp(owner.Id) is not { } fip ||
            Served(view, fip) is not { } served || served.Chassis != view.ChassisName || served.Side.Patch is null)
        {
            return;
        }
        var side = served.Side;
        var router = side.Router;
        var fixedIp = fip.FixedIpAddress!;
        var zone = ConntrackZones.RouterNat(router.Key);
        var network = Registers.MatchNetwork(side.Network.Key);
        var floatingMac = Mac(fip.FloatingPortMac!.Value);

        flows.Add(Make(TableId.IngressNat, Priorities.Entry,
            Match.Create(network, Arp, MatchField.ArpOp(1), MatchField.ArpTpa(fip.FloatingIpAddress)),
            Id, owner, Apply([.. ArpReply(floatingMac, fip.FloatingIpAddress)])));
        flows.Add(Make(TableId.IngressNat, Priorities.Entry,
            Match.Create(network, Ip, MatchField.Ipv4Dst(fip.FloatingIpAddress)),
            Id, owner, Apply(
                Registers.LoadRouter(router.Key),
                new NxConntrackAction(NxConntrackFlags.Commit, zone, Table: (byte)TableId.IngressNatResult,
                    Actions: [new NxNatAction(NxNatFlags.Destination, fixedIp)]))));
        flows.Add(Make(TableId.EgressNat, Priorities.Entry,
            Match.Create(Registers.MatchRouter(router.Key), Ip, MatchField.Ipv4Src(fixedIp)),
            Id, owner, Apply(
                new NxConntrackAction(NxConntrackFlags.Commit, zone, Table: (byte)TableId.EgressNatResult,
                    Actions: [new NxNatAction(NxNatFlags.Source, fip.FloatingIpAddress)]))));
        if (side.NextHopMac(view, fip.FloatingIpAddress) is { } nextHop)
        {
            flows.Add(Make(TableId.EgressNatResult, Priorities.Entry,
                Match.Create(Registers.MatchRouter(router.Key), Ip, MatchField.Ipv4Src(fip.FloatingIpAddress)),
                Id, owner, Apply(
                    Set(MatchField.EthSrc(floatingMac)),
                    Set(MatchField.EthDst(Mac(nextHop))),
                    Registers.LoadNetwork(side.Network.Key)),
                Goto(TableId.EgressExternal)));
        }
    }

    /// <summary>
    /// The chassis that serves <paramref name="fip"/> and the router's external
    /// side, or null when nobody does (not associated, target unbound or on a
    /// remote device, router without a usable gateway, no gateway chassis alive).
    /// </summary>
    internal static (string Chassis, bool Distributed, ExternalSide Side)? Served(IChassisView view, FloatingIp fip)
    {
        if (fip.PortId is not { } portId || fip.FixedIpAddress is not { AddressFamily: AddressFamily.InterNetwork } ||
            fip.FloatingIpAddress.AddressFamily != AddressFamily.InterNetwork || fip.FloatingPortMac is null ||
            fip.RouterId is not { } routerId || view.Router(routerId) is not { } router ||
            ExternalSide.Of(view, router) is not { } side || side.Network.Id != fip.FloatingNetworkId ||
            view.Port(portId) is not { AdminStateUp: true, Binding: { RemoteVtepIp: null } binding })
        {
            return null;
        }
        if (GatewaySelection.HasExternalPort(view.Chassis(binding.Chassis), side.Physnet))
        {
            return (binding.Chassis, true, side);
        }
        return side.ActiveGateway(view) is { } gateway && view.Chassis(binding.Chassis) is not null ? (gateway, false, side) : null;
    }
}
