using Wyvern.OpenFlow.Matching;
using Wyvern.Pipeline;
using static Wyvern.Apps.Flows;

namespace Wyvern.Apps;

/// <summary>
/// The overlay between chassis, through one virtual tunnel port per tunnel
/// type (<c>remote_ip=flow key=flow</c>). Ingress: a packet on the tunnel
/// port of a network's type carrying its VNI belongs to that network (any
/// other VNI, or the right VNI on the wrong tunnel type, misses and drops).
/// Egress: a destination port bound on another chassis, or on a remote VTEP,
/// gets tun_id = VNI and tun_dst = that host's underlay address and leaves on
/// the tunnel port. Flooding to remote hosts is part of <see cref="L2App"/>'s
/// flood flow (one flow per network).
/// </summary>
public sealed class TunnelingApp : IApp
{
    public AppId Id => AppId.Tunneling;

    public void Consider(Owner owner, IChassisView view, ICollection<FlowSpec> flows)
    {
        switch (owner.Kind)
        {
            case OwnerKind.Network when view.Network(owner.Id) is { } network && RemoteDestinations.TunnelOf(view, network) is { } tunnel:
                flows.Add(Make(TableId.Classification, Priorities.Entry,
                    Match.Create(MatchField.InPort((uint)tunnel.OfPort), MatchField.TunnelId(tunnel.Vni)), Id, owner,
                    Apply(Registers.LoadNetwork(network.Key)), Goto(TableId.IngressDestinationLookup)));
                break;
            case OwnerKind.Port when PortRoles.TryGetWorkload(view, owner.Id, out var port, out var net) &&
                                     RemoteDestinations.TunnelOf(view, net) is { } t &&
                                     RemoteDestinations.AddressOf(view, port, t.Type) is { } remote:
                flows.Add(Make(TableId.L2Lookup, Priorities.Entry,
                    Match.Create(Registers.MatchNetwork(net.Key), MatchField.EthDst(Mac(port.MacAddress))), Id, owner,
                    Apply(Registers.LoadDestinationPort(port.Key)), Goto(TableId.Egress)));
                flows.Add(Make(TableId.Egress, Priorities.Entry, Match.Create(Registers.MatchDestinationPort(port.Key)), Id, owner,
                    Apply(Set(MatchField.TunnelId(t.Vni)), Set(MatchField.TunIpv4Dst(remote)), Output((uint)t.OfPort))));
                break;
            default:
                break;
        }
    }
}
