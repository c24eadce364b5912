using System.Net;
using Wyvern.Model;

namespace Wyvern.Apps;

/// <summary>An address this chassis answers for on an external network: where to announce it.</summary>
/// <param name="Ip">The floating or gateway IP.</param>
/// <param name="Mac">The MAC it answers with.</param>
/// <param name="Patch">The patch port to the external network's provider bridge.</param>
/// <param name="Vlan">The external network's VLAN, or null (flat).</param>
public readonly record struct ExternalAddress(IPAddress Ip, Model.MacAddress Mac, int Patch, int? Vlan);

/// <summary>
/// The external addresses this chassis serves (the same decisions as
/// <see cref="FloatingIpApp"/> and <see cref="RouterGatewayApp"/>). When one
/// appears here — a floating IP moved to this chassis, a router failed over
/// to it — the controller announces it with a gratuitous ARP (RFC 5227 §3),
/// so the physical network's switches and the external hosts' caches move to
/// this chassis at once instead of sending to the old one until they time out.
/// </summary>
public static class ExternalAddresses
{
    /// <summary>Every external address served here, for the given floating IPs and routers.</summary>
    public static IEnumerable<ExternalAddress> ServedHere(IChassisView view, IEnumerable<FloatingIp> floatingIps, IEnumerable<LogicalRouter> routers)
    {
        ArgumentNullException.ThrowIfNull(view);
        foreach (var fip in floatingIps)
        {
            if (FloatingIpApp.Served(view, fip) is { } s && s.Chassis == view.ChassisName && s.Side.Patch is { } patch)
            {
                yield return new ExternalAddress(fip.FloatingIpAddress, fip.FloatingPortMac!.Value, patch, VlanOf(s.Side.Network));
            }
        }
        foreach (var router in routers)
        {
            if (ExternalSide.Of(view, router) is { Patch: { } patch, Gateway.MacAddress: { } mac } side && side.IsActiveGatewayHere(view))
            {
                foreach (var ip in side.GatewayIps)
                {
                    yield return new ExternalAddress(ip, mac, patch, VlanOf(side.Network));
                }
            }
        }
    }

    private static int? VlanOf(LogicalSwitch network) => network.NetworkType == NetworkType.Vlan ? network.SegmentationId : null;
}
