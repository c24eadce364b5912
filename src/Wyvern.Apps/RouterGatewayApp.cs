using System.Net.Sockets;
using Wyvern.Model;
using Wyvern.OpenFlow.Actions;
using Wyvern.OpenFlow.Matching;
using Wyvern.Pipeline;
using static Wyvern.Apps.Flows;

namespace Wyvern.Apps;

/// <summary>
/// A router's external gateway: its default route, and SNAT for VMs without a
/// floating IP. Every chassis routes north-south traffic out of the router's
/// default route into the egress NAT table. The router's active gateway
/// chassis (<see cref="GatewaySelection"/>) answers ARP for the gateway IP,
/// SNATs to it with conntrack in the router's zone, un-NATs the replies and
/// drops unsolicited traffic to the gateway IP (no connection: no VM behind
/// it). Every other chassis tunnels such traffic unchanged (still addressed to
/// the router's MAC on the source network) to the active gateway chassis,
/// which takes it from the tunnel straight into its egress NAT table.
/// Floating IPs take precedence (<see cref="FloatingIpApp"/>, higher priority).
/// </summary>
public sealed class RouterGatewayApp : IApp
{
    /// <summary>Below a floating IP's per-address flows in the egress NAT table.</summary>
    private const ushort Snat = 10;

    public AppId Id => AppId.Snat;

    public void Consider(Owner owner, IChassisView view, ICollection<FlowSpec> flows)
    {
        if (owner.Kind != OwnerKind.Router || view.Router(owner.Id) is not { } router || ExternalSide.Of(view, router) is not { } side)
        {
            return;
        }
        var routerMatch = Registers.MatchRouter(router.Key);
        // A static default route, if the router has one, already covers 0.0.0.0/0.
        if (!router.Routes.Any(r => r.Destination.PrefixLength == 0 && r.Destination.BaseAddress.AddressFamily == AddressFamily.InterNetwork))
        {
            // Routed here, on the source chassis, like any route: the TTL is decremented once (at 0 the controller answers time exceeded).
            flows.Add(Make(TableId.L3Lookup, Priorities.RouteBase, Match.Create(routerMatch, Ip), Id, owner,
                Apply(new DecNwTtlAction()), Goto(TableId.EgressNat)));
        }
        if (side.IsActiveGatewayHere(view))
        {
            ConsiderActiveGateway(owner, side, view, flows);
        }
        else if (side.ActiveGateway(view) is { } active && active != view.ChassisName && view.Chassis(active) is { } gateway)
        {
            // Not the gateway: north-south traffic without a floating IP served here goes to it, unchanged.
            foreach (var (rp, network) in Ipv4Interfaces(view, router))
            {
                if (RemoteDestinations.TunnelOf(view, network) is { } tunnel && gateway.TunnelTypes.Contains(tunnel.Type))
                {
                    flows.Add(Make(TableId.EgressNat, Snat, Match.Create(routerMatch, Registers.MatchNetwork(network.Key), Ip), Id, owner,
                        Apply(Set(MatchField.TunnelId(tunnel.Vni)), Set(MatchField.TunIpv4Dst(gateway.UnderlayIp)), Output((uint)tunnel.OfPort))));
                }
            }
        }
    }

    private void ConsiderActiveGateway(Owner owner, ExternalSide side, IChassisView view, ICollection<FlowSpec> flows)
    {
        var router = side.Router;
        var routerMatch = Registers.MatchRouter(router.Key);
        var external = Registers.MatchNetwork(side.Network.Key);
        var zone = ConntrackZones.RouterNat(router.Key);
        var gatewayMac = side.Gateway.MacAddress is { } m ? Mac(m) : (OpenFlow.MacAddress?)null;
        foreach (var ip in side.GatewayIps)
        {
            if (gatewayMac is { } mac)
            {
                flows.Add(Make(TableId.IngressNat, Priorities.Entry,
                    Match.Create(external, Arp, MatchField.ArpOp(1), MatchField.ArpTpa(ip)), Id, owner, Apply([.. ArpReply(mac, ip)])));
            }
            // Replies of SNATed connections are un-NATed; anything else keeps the gateway IP and is dropped after.
            flows.Add(Make(TableId.IngressNat, Priorities.Entry, Match.Create(external, Ip, MatchField.Ipv4Dst(ip)), Id, owner,
                Apply(Registers.LoadRouter(router.Key),
                    new NxConntrackAction(NxConntrackFlags.None, zone, Table: (byte)TableId.IngressNatResult, Actions: [new NxNatAction()]))));
            flows.Add(Make(TableId.IngressNatResult, Priorities.Exception, Match.Create(routerMatch, Ip, MatchField.Ipv4Dst(ip)), Id, owner));
        }
        if (side.Gateway.EnableSnat && side.GatewayIps.FirstOrDefault() is { } snatIp && gatewayMac is { } gwMac)
        {
            flows.Add(Make(TableId.EgressNat, Snat, Match.Create(routerMatch, Ip), Id, owner, Apply(
                new NxConntrackAction(NxConntrackFlags.Commit, zone, Table: (byte)TableId.EgressNatResult,
                    Actions: [new NxNatAction(NxNatFlags.Source, snatIp)]))));
            if (side.NextHopMac(view, snatIp) is { } nextHop)
            {
                flows.Add(Make(TableId.EgressNatResult, Priorities.Entry, Match.Create(routerMatch, Ip, MatchField.Ipv4Src(snatIp)), Id, owner,
                    Apply(Set(MatchField.EthSrc(gwMac)), Set(MatchField.EthDst(Mac(nextHop))), Registers.LoadNetwork(side.Network.Key)),
                    Goto(TableId.EgressExternal)));
            }
        }
        // North-south traffic tunnelled here by the other chassis arrives addressed to the router, already routed: NAT it.
        foreach (var (rp, network) in Ipv4Interfaces(view, router))
        {
            if (network.IsOverlay)
            {
                flows.Add(Make(TableId.IngressDestinationLookup, Priorities.Entry,
                    Match.Create(Registers.MatchNetwork(network.Key), MatchField.EthDst(Mac(rp.MacAddress))), Id, owner,
                    Apply(Registers.LoadRouter(router.Key), Resubmit(TableId.EgressNat))));
            }
        }
    }

    private static IEnumerable<(RouterPort Port, LogicalSwitch Network)> Ipv4Interfaces(IChassisView view, LogicalRouter router) =>
        router.Ports
            .Where(rp => rp.IpAddress.AddressFamily == AddressFamily.InterNetwork)
            .Select(rp => (rp, view.Network(rp.NetworkId)))
            .Where(i => i.Item2 is not null)
            .Select(i => (i.rp, i.Item2!))
            .DistinctBy(i => i.Item2.Id);
}
