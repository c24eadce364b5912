using Wyvern.Model;
using Wyvern.OpenFlow.Actions;
using Wyvern.OpenFlow.Matching;
using Wyvern.Pipeline;
using static Wyvern.Apps.Flows;

namespace Wyvern.Apps;

/// <summary>
/// VLAN and flat networks go through the physical network, over the patch
/// port to the provider bridge of their physical network (bridge mappings).
/// Ingress: on the patch port, the network's VLAN (or no tag, for flat) →
/// pop the tag, load the network, look up the destination. Egress: a port of
/// the network bound on another chassis is reached by pushing the tag and
/// leaving on the patch port; flooding adds one copy out of it
/// (<see cref="L2App"/>).
/// </summary>
public sealed class ProviderNetworkApp : IApp
{
    /// <summary>OFPVID_PRESENT (OF 1.3.5 §7.2.3.8): vlan_vid carries it for a tagged packet.</summary>
    public const ushort VidPresent = 0x1000;

    public AppId Id => AppId.ProviderNetwork;

    public void Consider(Owner owner, IChassisView view, ICollection<FlowSpec> flows)
    {
        switch (owner.Kind)
        {
            case OwnerKind.Network when view.Network(owner.Id) is { } network && PatchOf(view, network) is { } patch:
                flows.Add(Make(TableId.Classification, Priorities.Entry, Match.Create(MatchField.InPort((uint)patch)), Id, owner,
                    Goto(TableId.ExternalIngress)));
                var tagged = network.NetworkType == NetworkType.Vlan;
                flows.Add(Make(TableId.ExternalIngress, Priorities.Entry,
                    Match.Create(MatchField.InPort((uint)patch), MatchField.VlanVid(tagged ? (ushort)(VidPresent | network.SegmentationId!.Value) : (ushort)0)),
                    Id, owner,
                    tagged ? Apply(new PopVlanAction(), Registers.LoadNetwork(network.Key)) : Apply(Registers.LoadNetwork(network.Key)),
                    // External networks pass the NAT stage (floating IPs, gateway IPs); the rest of its traffic continues to ingress lookup.
                    Goto(network.External ? TableId.IngressNat : TableId.IngressDestinationLookup)));
                if (network.External)
                {
                    // North-south traffic NATed here leaves through the physical network.
                    flows.Add(Make(TableId.EgressExternal, Priorities.Entry, Match.Create(Registers.MatchNetwork(network.Key)), Id, owner,
                        Apply([.. OutToPhysicalNetwork(network, patch)])));
                }
                break;
            case OwnerKind.Port when PortRoles.TryGetWorkload(view, owner.Id, out var port, out var net) && PatchOf(view, net) is { } p &&
                                     port.Binding is { RemoteVtepIp: null } binding && binding.Chassis != view.ChassisName &&
                                     view.Chassis(binding.Chassis) is not null:
                flows.Add(Make(TableId.L2Lookup, Priorities.Entry,
                    Match.Create(Registers.MatchNetwork(net.Key), MatchField.EthDst(Mac(port.MacAddress))), Id, owner,
                    Apply(Registers.LoadDestinationPort(port.Key)), Goto(TableId.Egress)));
                flows.Add(Make(TableId.Egress, Priorities.Entry, Match.Create(Registers.MatchDestinationPort(port.Key)), Id, owner,
                    Apply([.. OutToPhysicalNetwork(net, p)])));
                break;
            default:
                break;
        }
    }

    /// <summary>The patch port a provider network uses here, or null (overlay network, or no bridge mapping for its physnet).</summary>
    internal static int? PatchOf(IChassisView view, LogicalSwitch network) =>
        network.NetworkType is NetworkType.Vlan or NetworkType.Flat && network.PhysicalNetwork is { } physnet
            ? view.ProviderOfPort(physnet)
            : null;

    /// <summary>The actions that send the packet onto the physical network: tag (VLAN) and output to the patch port.</summary>
    internal static IEnumerable<OfpAction> OutToPhysicalNetwork(LogicalSwitch network, int patch)
    {
        if (network.NetworkType == NetworkType.Vlan)
        {
            yield return new PushVlanAction();
            yield return Set(MatchField.VlanVid((ushort)(VidPresent | network.SegmentationId!.Value)));
        }
        yield return Output((uint)patch);
    }
}
