using System.Net;
using System.Text.Json.Serialization;

namespace Wyvern.Model;

/// <summary>
/// A Neutron floating IP. Its floating port (device_owner network:floatingip) lives on the
/// external network; it is bound where the target port is bound (Dragonflow fip-distribution):
/// <see cref="BoundChassis"/>, and <see cref="PlacementOn"/> tells a chassis local/remote/unbound.
/// </summary>
public sealed record FloatingIp : NeutronObject
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override string Table => NbTables.FloatingIps;

    /// <summary>floating_ip_address.</summary>
    public required IPAddress FloatingIpAddress { get; init; }

    /// <summary>floating_network_id.</summary>
    public required string FloatingNetworkId { get; init; }

    /// <summary>The floating port's id.</summary>
    public string? FloatingPortId { get; init; }

    /// <summary>The floating port's MAC (answers ARP for the floating IP on the external network).</summary>
    public MacAddress? FloatingPortMac { get; init; }

    /// <summary>port_id: the associated (target) port; null when not associated.</summary>
    public string? PortId { get; init; }

    /// <summary>fixed_ip_address on the target port.</summary>
    public IPAddress? FixedIpAddress { get; init; }

    /// <summary>router_id: the router that connects the target's network to the floating network.</summary>
    public string? RouterId { get; init; }

    /// <summary>The chassis the target port is bound on; null when unbound.</summary>
    public string? BoundChassis { get; init; }

    /// <summary>Where the floating port is, seen from <paramref name="chassis"/>.</summary>
    public FloatingIpPlacement PlacementOn(string chassis) =>
        PortId is null || BoundChassis is null ? FloatingIpPlacement.Unbound
        : string.Equals(BoundChassis, chassis, StringComparison.Ordinal) ? FloatingIpPlacement.Local
        : FloatingIpPlacement.Remote;
}
