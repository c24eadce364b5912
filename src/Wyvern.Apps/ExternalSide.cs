using System.Net;
using System.Net.Sockets;
using Wyvern.Model;

namespace Wyvern.Apps;

/// <summary>
/// A router's side on its external network, as one chassis sees it: the
/// gateway, the external network (flat or VLAN on <see cref="Physnet"/>), and
/// this chassis's patch port to that physical network, if it has one.
/// </summary>
internal sealed record ExternalSide(LogicalRouter Router, ExternalGateway Gateway, LogicalSwitch Network, string Physnet, int? Patch)
{
    /// <summary>The external side of <paramref name="router"/>, or null when it has no usable gateway (none, admin down, network unknown, not external, not flat/VLAN).</summary>
    public static ExternalSide? Of(IChassisView view, LogicalRouter router)
    {
        if (!router.AdminStateUp || router.ExternalGateway is not { } gw || view.Network(gw.NetworkId) is not { External: true } network ||
            GatewayScheduler.PhysicalNetworkOf(router, view.Network) is not { } physnet)
        {
            return null;
        }
        return new ExternalSide(router, gw, network, physnet, ProviderNetworkApp.PatchOf(view, network));
    }

    /// <summary>True when this chassis is the router's active gateway and has the patch port to do the work.</summary>
    public bool IsActiveGatewayHere(IChassisView view) => Patch is not null && ActiveGateway(view) == view.ChassisName;

    /// <summary>The router's active gateway chassis (<see cref="GatewaySelection"/>), or null.</summary>
    public string? ActiveGateway(IChassisView view) => GatewaySelection.ActiveGateway(Router, view.Chassis, Physnet);

    /// <summary>The router's IPv4 gateway addresses (its SNAT addresses).</summary>
    public IEnumerable<IPAddress> GatewayIps =>
        Gateway.ExternalFixedIps.Select(f => f.IpAddress).Where(a => a.AddressFamily == AddressFamily.InterNetwork);

    /// <summary>
    /// The MAC of the next hop for traffic leaving from <paramref name="source"/>
    /// (a gateway or floating IP): the resolved gateway of the external subnet
    /// holding that address, or null until a controller has resolved it.
    /// </summary>
    public MacAddress? NextHopMac(IChassisView view, IPAddress source) =>
        view.SubnetsOfNetwork(Network.Id).FirstOrDefault(s => s.Cidr.Contains(source)) is { } subnet
            ? view.Neighbour(subnet.Id)?.MacAddress
            : null;
}
