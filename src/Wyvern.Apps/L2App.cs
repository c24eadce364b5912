using Wyvern.OpenFlow.Actions;
using Wyvern.OpenFlow.Matching;
using Wyvern.Pipeline;
using static Wyvern.Apps.Flows;

namespace Wyvern.Apps;

/// <summary>
/// L2 forwarding within a network. Per port plugged here: its MAC on its
/// network resolves to its key (reg7) both from local senders (L2 lookup) and
/// from tunnels (ingress destination lookup), and continues in the ingress
/// pipeline (ports bound elsewhere go through the egress table instead:
/// <see cref="TunnelingApp"/>, <see cref="ProviderNetworkApp"/>). Per network: broadcast and multicast reach every local
/// port of the network (one resubmit each), never the sender (OpenFlow never
/// outputs to the input port implicitly), plus one tunnelled copy per remote
/// host of the network. Unknown unicast misses and drops:
/// every MAC of a Neutron network is known.
/// </summary>
public sealed class L2App : IApp
{
    public AppId Id => AppId.L2;

    public void Consider(Owner owner, IChassisView view, ICollection<FlowSpec> flows)
    {
        switch (owner.Kind)
        {
            case OwnerKind.Port:
                ConsiderPort(owner, view, flows);
                break;
            case OwnerKind.Network:
                ConsiderNetwork(owner, view, flows);
                break;
            default:
                break;
        }
    }

    private void ConsiderPort(Owner owner, IChassisView view, ICollection<FlowSpec> flows)
    {
        if (!PortRoles.TryGetWorkload(view, owner.Id, out var port, out var network) || view.LocalOfPort(port.Id) is null)
        {
            return;
        }
        var toPort = Apply(Registers.LoadDestinationPort(port.Key));
        var byMac = Match.Create(Registers.MatchNetwork(network.Key), MatchField.EthDst(Mac(port.MacAddress)));
        // Bound here: straight on to ingress (the egress table only dispatches to other hosts).
        flows.Add(Make(TableId.L2Lookup, Priorities.Entry, byMac, Id, owner, toPort, Goto(TableId.IngressSecurityGroupKey)));
        flows.Add(Make(TableId.IngressDestinationLookup, Priorities.Entry, byMac, Id, owner, toPort, Goto(TableId.IngressSecurityGroupKey)));
    }

    private void ConsiderNetwork(Owner owner, IChassisView view, ICollection<FlowSpec> flows)
    {
        if (view.Network(owner.Id) is not { } network)
        {
            return;
        }
        var actions = new List<OfpAction>();
        foreach (var (port, _) in PortRoles.LocalWorkloads(view, network.Id))
        {
            actions.Add(Registers.LoadDestinationPort(port.Key));
            actions.Add(Resubmit(TableId.IngressSecurityGroupKey));
        }
        var local = actions.ToArray();
        // One copy to each remote host of the network, never to every chassis;
        // what arrives from a tunnel is flooded locally only (no echo back).
        if (RemoteDestinations.TunnelOf(view, network) is { } tunnel)
        {
            foreach (var host in RemoteDestinations.HostsOf(view, network, tunnel.Type))
            {
                actions.Add(Set(MatchField.TunnelId(tunnel.Vni)));
                actions.Add(Set(MatchField.TunIpv4Dst(host)));
                actions.Add(Output((uint)tunnel.OfPort));
            }
        }
        // Last, because it tags the packet: one copy onto the physical network.
        if (ProviderNetworkApp.PatchOf(view, network) is { } patch)
        {
            actions.AddRange(ProviderNetworkApp.OutToPhysicalNetwork(network, patch));
        }
        var match = Match.Create(Registers.MatchNetwork(network.Key), Multicast);
        if (actions.Count > 0)
        {
            flows.Add(Make(TableId.L2Lookup, Priorities.Flood, match, Id, owner, Apply([.. actions])));
        }
        if (local.Length > 0)
        {
            flows.Add(Make(TableId.IngressDestinationLookup, Priorities.Flood, match, Id, owner, Apply(local)));
        }
    }
}
