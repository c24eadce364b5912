using System.Net;
using System.Text.Json.Serialization;

namespace Wyvern.Model;

/// <summary>
/// A Neutron floating IP. Its floating port (device_owner network:floatingip) lives on the
/// external network. Which chassis serves it is not stored: every controller derives it from
/// the target port's binding and the chassis records (Apps' <c>FloatingIpApp</c>), so it cannot go stale.
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


}
