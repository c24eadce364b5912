using System.Net;
using Wyvern.Model;

namespace Wyvern.Apps;

/// <summary>
/// Where overlay traffic for a network goes when it leaves this chassis: the
/// network's tunnel type and VNI, this chassis's virtual tunnel port of that
/// type, and the underlay address of each place hosting a port of the network
/// (another chassis, or a remote VTEP).
/// </summary>
internal static class RemoteDestinations
{
    /// <summary>The tunnel a network uses here, or null (not an overlay, no VNI, or no local tunnel port of its type).</summary>
    public static (TunnelType Type, int OfPort, ulong Vni)? TunnelOf(IChassisView view, LogicalSwitch network)
    {
        if (!network.IsOverlay || network.SegmentationId is not { } vni)
        {
            return null;
        }
        var type = network.NetworkType switch
        {
            NetworkType.Vxlan => TunnelType.Vxlan,
            NetworkType.Geneve => TunnelType.Geneve,
            _ => TunnelType.Gre,
        };
        return view.TunnelOfPort(type) is { } ofport ? (type, ofport, (ulong)vni) : null;
    }

    /// <summary>
    /// The underlay address a port bound elsewhere is reached at, or null when
    /// it is bound here, unbound, on a chassis that is gone (lease expired) or
    /// on one without the network's tunnel type.
    /// </summary>
    public static IPAddress? AddressOf(IChassisView view, LogicalPort port, TunnelType type)
    {
        if (port.Binding is not { } binding || binding.Chassis == view.ChassisName)
        {
            return null;
        }
        if (binding.RemoteVtepIp is { } vtep)
        {
            return vtep;
        }
        return view.Chassis(binding.Chassis) is { IsRemoteVtep: false } chassis && chassis.TunnelTypes.Contains(type) ? chassis.UnderlayIp : null;
    }

    /// <summary>The distinct remote addresses hosting at least one workload port of the network, in address order.</summary>
    public static IEnumerable<IPAddress> HostsOf(IChassisView view, LogicalSwitch network, TunnelType type) =>
        view.PortsOfNetwork(network.Id)
            .Where(p => PortRoles.IsWorkload(p) && p.AdminStateUp)
            .Select(p => AddressOf(view, p, type))
            .OfType<IPAddress>()
            .Distinct()
            .OrderBy(a => a.ToString(), StringComparer.Ordinal);
}
