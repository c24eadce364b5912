using System.Diagnostics.CodeAnalysis;
using Wyvern.Model;
using Wyvern.OpenFlow.Actions;
using Wyvern.OpenFlow.Matching;
using Wyvern.Pipeline;
using static Wyvern.Apps.Flows;

namespace Wyvern.Apps;

/// <summary>
/// Next-hop learning on external networks. The chassis that resolves a router's
/// external next hop (its active gateway, with a patch port to the external
/// network's physical network; see <see cref="ResolvesHere"/>) sends ARP requests
/// from the router's gateway port by packet-out; this app sends the replies,
/// which are addressed to that port's MAC, to the controller. Table 50 (ingress
/// NAT), where external networks' ingress arrives: metadata = network key, arp,
/// arp_op = 2 (reply), eth_dst = gateway port MAC → controller.
/// </summary>
public sealed class NeighbourApp : IApp
{
    public AppId Id => AppId.Neighbour;

    public void Consider(Owner owner, IChassisView view, ICollection<FlowSpec> flows)
    {
        if (owner.Kind != OwnerKind.Router || view.Router(owner.Id) is not { } router ||
            !ResolvesHere(view, router, out var network, out _) || router.ExternalGateway!.MacAddress is not { } mac)
        {
            return;
        }
        flows.Add(Make(TableId.IngressNat, Priorities.Exception,
            Match.Create(Registers.MatchNetwork(network.Key), Arp, MatchField.ArpOp(2), MatchField.EthDst(Mac(mac))),
            Id, owner, Apply(OutputAction.ToController())));
    }

    /// <summary>
    /// True when this chassis resolves <paramref name="router"/>'s external next hops: the
    /// router has a gateway (with its port's MAC) on a flat/vlan external network, this chassis
    /// has the patch port to that network's physical network, and it is the router's active
    /// gateway (<see cref="GatewaySelection.ActiveGateway"/>).
    /// </summary>
    /// <param name="view">The chassis view.</param>
    /// <param name="router">The router.</param>
    /// <param name="network">The external network.</param>
    /// <param name="patch">The ofport of the patch port to its provider bridge.</param>
    public static bool ResolvesHere(IChassisView view, LogicalRouter router, [NotNullWhen(true)] out LogicalSwitch? network, out int patch)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(router);
        network = null;
        patch = 0;
        if (ExternalSide.Of(view, router) is not { Gateway.MacAddress: not null, Patch: { } p } side || !side.IsActiveGatewayHere(view))
        {
            return false;
        }
        network = side.Network;
        patch = p;
        return true;
    }
}
