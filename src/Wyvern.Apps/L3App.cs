using System.Net;
using System.Net.Sockets;
using Wyvern.Model;
using Wyvern.OpenFlow.Actions;
using Wyvern.OpenFlow.Matching;
using Wyvern.Pipeline;
using static Wyvern.Apps.Flows;

namespace Wyvern.Apps;

/// <summary>
/// Distributed east-west routing, on the source chassis. A packet sent to a
/// router interface MAC loads the router key (reg5); the longest matching
/// prefix among the router's connected subnets and static routes decrements
/// the TTL (at 0 the controller answers time-exceeded), rewrites the source
/// MAC to the outgoing interface, moves the packet to the next network and
/// puts the next hop in reg4; the neighbour table then sets the destination
/// MAC of the port holding that address and resubmits to L2 lookup (a
/// goto_table may only go forward), which delivers it. Echo
/// requests to the router's own addresses are answered in place.
/// </summary>
public sealed class L3App : IApp
{
    private const byte IcmpEchoRequest = 8;
    private const byte IcmpEchoReply = 0;

    public AppId Id => AppId.L3;

    public void Consider(Owner owner, IChassisView view, ICollection<FlowSpec> flows)
    {
        switch (owner.Kind)
        {
            case OwnerKind.Router when view.Router(owner.Id) is { AdminStateUp: true } router:
                ConsiderRouter(owner, router, view, flows);
                break;
            case OwnerKind.Port when PortRoles.TryGetWorkload(view, owner.Id, out var port, out var network):
                // The neighbour entry: routed packets to this port's addresses get its MAC.
                foreach (var ip in PortRoles.Ipv4Addresses(port))
                {
                    flows.Add(Make(TableId.L3Proactive, Priorities.Entry,
                        Match.Create(Registers.MatchNetwork(network.Key), Ip, MatchField.Reg(Registers.NextHop, MatchField.V4(ip))),
                        Id, owner, Apply(Set(MatchField.EthDst(Mac(port.MacAddress))), Resubmit(TableId.L2Lookup))));
                }
                foreach (var ip in PortRoles.Ipv6Addresses(port))
                {
                    flows.Add(Make(TableId.L3Proactive, Priorities.Entry,
                        Match.Create(Registers.MatchNetwork(network.Key), Ipv6, MatchField.Ipv6Dst(ip)),
                        Id, owner, Apply(Set(MatchField.EthDst(Mac(port.MacAddress))), Resubmit(TableId.L2Lookup))));
                }
                break;
            default:
                break;
        }
    }

    private void ConsiderRouter(Owner owner, LogicalRouter router, IChassisView view, ICollection<FlowSpec> flows)
    {
        var all = router.Ports
            .Select(rp => (Port: rp, Network: view.Network(rp.NetworkId)))
            .Where(i => i.Network is not null)
            .Select(i => (i.Port, Network: i.Network!))
            .ToList();
        var interfaces = all.Where(i => i.Port.IpAddress.AddressFamily == AddressFamily.InterNetwork).ToList();
        foreach (var (rp, network) in all.Where(i => i.Port.IpAddress.AddressFamily == AddressFamily.InterNetworkV6))
        {
            ConsiderIpv6Interface(owner, router, rp, network, flows);
        }
        var routerMatch = Registers.MatchRouter(router.Key);
        foreach (var (rp, network) in interfaces)
        {
            // Into the router.
            flows.Add(Make(TableId.L2Lookup, Priorities.Entry,
                Match.Create(Registers.MatchNetwork(network.Key), MatchField.EthDst(Mac(rp.MacAddress))),
                Id, owner, Apply(Registers.LoadRouter(router.Key)), Goto(TableId.L3Lookup)));
            // Connected subnet: the next hop is the destination itself.
            flows.Add(Route(owner, routerMatch, rp.Network, rp, network, Move(OxmField.Ipv4Dst, Registers.NextHopField)));
            // Echo to the router's own address on this interface, whichever interface it came in on.
            flows.Add(Make(TableId.L3Lookup, Priorities.RouterLocal,
                Match.Create(routerMatch, Ip, MatchField.IpProto(1), MatchField.Icmpv4Type(IcmpEchoRequest), MatchField.Ipv4Dst(rp.IpAddress)),
                Id, owner, Apply(
                    Move(OxmField.EthDst, PipelineLayout.Scratch, 48),
                    Move(OxmField.EthSrc, OxmField.EthDst),
                    Move(PipelineLayout.Scratch, OxmField.EthSrc, 48),
                    Move(OxmField.Ipv4Src, OxmField.Ipv4Dst),
                    Set(MatchField.Ipv4Src(rp.IpAddress)),
                    Set(MatchField.Icmpv4Type(IcmpEchoReply)),
                    new SetNwTtlAction(64),
                    OutputInPort)));
        }
        foreach (var route in router.Routes)
        {
            if (route.Destination.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
            {
                continue;
            }
            // The next hop must sit on one of the router's subnets (Neutron enforces it); else the route is unusable.
            var via = interfaces.FirstOrDefault(i => i.Port.Network.Contains(route.NextHop));
            if (via.Port is null)
            {
                continue;
            }
            flows.Add(Route(owner, routerMatch, route.Destination, via.Port, via.Network,
                Set(MatchField.Reg(Registers.NextHop, MatchField.V4(route.NextHop)))));
        }
    }

    /// <summary>
    /// An IPv6 interface: its MAC into the router, its connected prefix
    /// (the neighbour table then matches the destination itself: no next-hop
    /// register is wide enough), and neighbour solicitations for its address
    /// to the controller, which answers them (RFC 4861 §7.2.4).
    /// </summary>
    private void ConsiderIpv6Interface(Owner owner, LogicalRouter router, RouterPort rp, LogicalSwitch network, ICollection<FlowSpec> flows)
    {
        flows.Add(Make(TableId.L2Lookup, Priorities.Entry,
            Match.Create(Registers.MatchNetwork(network.Key), MatchField.EthDst(Mac(rp.MacAddress))),
            Id, owner, Apply(Registers.LoadRouter(router.Key)), Goto(TableId.L3Lookup)));
        flows.Add(Make(TableId.L3Lookup, (ushort)(Priorities.RouteBase + rp.Network.PrefixLength),
            Match.Create(Registers.MatchRouter(router.Key), Ipv6, MatchField.Ipv6Dst(rp.Network.BaseAddress, rp.Network.PrefixLength)),
            Id, owner,
            Apply(new DecNwTtlAction(), Set(MatchField.EthSrc(Mac(rp.MacAddress))), Registers.LoadNetwork(network.Key)),
            Goto(TableId.L3Proactive)));
        flows.Add(Make(TableId.Ipv6Nd, Priorities.Entry,
            Match.Create(Registers.MatchNetwork(network.Key), Ipv6, MatchField.IpProto(58), MatchField.Icmpv6Type(135), MatchField.NdTarget(rp.IpAddress)),
            Id, owner, Apply(OutputAction.ToController())));
    }

    private FlowSpec Route(Owner owner, MatchField router, IPNetwork destination, RouterPort outInterface, LogicalSwitch outNetwork, OfpAction setNextHop) =>
        Make(TableId.L3Lookup, (ushort)(Priorities.RouteBase + destination.PrefixLength),
            Match.Create(router, Ip, destination.PrefixLength == 32
                ? MatchField.Ipv4Dst(destination.BaseAddress)
                : MatchField.Ipv4Dst(destination.BaseAddress, destination.PrefixLength)),
            Id, owner,
            Apply(
                new DecNwTtlAction(),
                Set(MatchField.EthSrc(Mac(outInterface.MacAddress))),
                Registers.LoadNetwork(outNetwork.Key),
                setNextHop),
            Goto(TableId.L3Proactive));
}
