using System.Net.Sockets;
using Wyvern.Model;

namespace Wyvern.Apps;

/// <summary>How apps classify ports.</summary>
internal static class PortRoles
{
    /// <summary>
    /// A workload port (VM, container, bare port): Neutron's device owners
    /// <c>network:*</c> (router interfaces and gateways, floating IPs, DHCP)
    /// are infrastructure that the router and NAT apps represent themselves.
    /// </summary>
    public static bool IsWorkload(LogicalPort port) => !port.DeviceOwner.StartsWith("network:", StringComparison.Ordinal);

    /// <summary>The port's IPv4 fixed addresses.</summary>
    public static IEnumerable<System.Net.IPAddress> Ipv4Addresses(LogicalPort port) =>
        port.FixedIps.Select(f => f.IpAddress).Where(a => a.AddressFamily == AddressFamily.InterNetwork);

    /// <summary>The port's IPv6 fixed addresses.</summary>
    public static IEnumerable<System.Net.IPAddress> Ipv6Addresses(LogicalPort port) =>
        port.FixedIps.Select(f => f.IpAddress).Where(a => a.AddressFamily == AddressFamily.InterNetworkV6);

    /// <summary>The EUI-64 link-local address of a MAC (RFC 4291 §2.5.1, appendix A): what Linux and most guests configure.</summary>
    public static System.Net.IPAddress LinkLocal(Wyvern.Model.MacAddress mac)
    {
        var m = mac.ToBytes();
        byte[] a = [0xfe, 0x80, 0, 0, 0, 0, 0, 0, (byte)(m[0] ^ 0x02), m[1], m[2], 0xff, 0xfe, m[3], m[4], m[5]];
        return new System.Net.IPAddress(a);
    }

    /// <summary>
    /// The workload port <paramref name="portId"/> with its network, if the port
    /// exists, is administratively up and its network is known.
    /// </summary>
    public static bool TryGetWorkload(IChassisView view, string portId, out LogicalPort port, out LogicalSwitch network)
    {
        port = null!;
        network = null!;
        if (view.Port(portId) is not { } p || !IsWorkload(p) || !p.AdminStateUp || view.Network(p.NetworkId) is not { } n)
        {
            return false;
        }
        port = p;
        network = n;
        return true;
    }

    /// <summary>The workload ports of a network plugged into this chassis, with their ofports, in id order.</summary>
    public static IEnumerable<(LogicalPort Port, int OfPort)> LocalWorkloads(IChassisView view, string networkId)
    {
        foreach (var p in view.PortsOfNetwork(networkId))
        {
            if (IsWorkload(p) && p.AdminStateUp && view.LocalOfPort(p.Id) is { } ofport)
            {
                yield return (p, ofport);
            }
        }
    }
}
