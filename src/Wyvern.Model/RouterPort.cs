using System.Net;

namespace Wyvern.Model;

/// <summary>
/// A router interface on one subnet. <see cref="Id"/> is the Neutron port id of the
/// interface (a <see cref="LogicalPort"/> with device_owner network:router_interface)
/// and <see cref="Key"/> that port's key.
/// </summary>
public sealed record RouterPort
{
    /// <summary>The interface's Neutron port id.</summary>
    public required string Id { get; init; }

    /// <summary>The interface's port key (port key space).</summary>
    public int Key { get; init; }

    /// <summary>The network the interface sits on.</summary>
    public required string NetworkId { get; init; }

    /// <summary>The subnet the interface routes for.</summary>
    public required string SubnetId { get; init; }

    /// <summary>The router's MAC on this network.</summary>
    public required MacAddress MacAddress { get; init; }

    /// <summary>The router's address on the subnet (usually the gateway IP).</summary>
    public required IPAddress IpAddress { get; init; }

    /// <summary>The subnet prefix.</summary>
    public required IPNetwork Network { get; init; }
}
