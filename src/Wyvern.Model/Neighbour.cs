using System.Net;
using System.Text.Json.Serialization;

namespace Wyvern.Model;

/// <summary>
/// The resolved MAC of an external subnet's gateway (the next hop of north-south
/// traffic). A controller with a port on the external network resolves it by ARP
/// (packet-out, reply learned by packet-in), refreshes it, and stores it here so
/// every chassis that sends to the external network can use it: no static MACs in
/// configuration. <see cref="NbObject.Id"/> is the external subnet's id.
/// </summary>
public sealed record Neighbour : NbObject
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override string Table => NbTables.Neighbours;

    /// <summary>The external network the subnet belongs to.</summary>
    public required string NetworkId { get; init; }

    /// <summary>The address resolved (the subnet's gateway_ip).</summary>
    public required IPAddress IpAddress { get; init; }

    /// <summary>Its MAC, as learned from the ARP reply.</summary>
    public required MacAddress MacAddress { get; init; }

    /// <summary>The chassis that resolved it.</summary>
    public string? ResolvedBy { get; init; }

    /// <summary>When it was last confirmed.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }
}
