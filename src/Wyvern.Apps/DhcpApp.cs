using System.Net.Sockets;
using Wyvern.OpenFlow.Matching;
using Wyvern.Pipeline;
using static Wyvern.Apps.Flows;

namespace Wyvern.Apps;

/// <summary>
/// Sends DHCPv4 requests on a network that has a DHCP-enabled IPv4 subnet to
/// the controller, whose responder answers from the model. The packet-in's
/// match carries reg6 (the requesting port) and metadata (the network).
/// </summary>
public sealed class DhcpApp : IApp
{
    public AppId Id => AppId.Dhcp;

    public void Consider(Owner owner, IChassisView view, ICollection<FlowSpec> flows)
    {
        if (owner.Kind != OwnerKind.Network || view.Network(owner.Id) is not { } network ||
            !view.SubnetsOfNetwork(network.Id).Any(s => s.EnableDhcp && s.Cidr.BaseAddress.AddressFamily == AddressFamily.InterNetwork))
        {
            return;
        }
        flows.Add(Make(TableId.Dhcp, Priorities.Entry,
            Match.Create(Registers.MatchNetwork(network.Key), Ip, MatchField.IpProto(17), MatchField.UdpSrc(68), MatchField.UdpDst(67)),
            Id, owner, Apply(OpenFlow.Actions.OutputAction.ToController())));
    }
}
