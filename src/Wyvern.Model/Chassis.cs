using System.Net;
using System.Text.Json.Serialization;

namespace Wyvern.Model;

/// <summary>
/// A host that runs a Wyvern controller (or, with <see cref="IsRemoteVtep"/>, a remote VTEP
/// that does not). <see cref="NbObject.Id"/> is the chassis name. A controller writes its
/// chassis attached to a lease and renews it: the row exists while the chassis is alive
/// and disappears (a Delete in the watch) when the lease expires.
/// </summary>
public sealed record Chassis : NbObject
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override string Table => NbTables.Chassis;

    /// <summary>The chassis name (same as <see cref="NbObject.Id"/>).</summary>
    [JsonIgnore]
    public string Name => Id;

    /// <summary>The underlay address tunnels to this chassis go to (tun_dst).</summary>
    public required IPAddress UnderlayIp { get; init; }

    /// <summary>The encapsulations it has a virtual tunnel port for.</summary>
    public ValueList<TunnelType> TunnelTypes { get; init; }

    /// <summary>Physical network name → provider bridge (e.g. <c>physnet1 → br-ex</c>).</summary>
    public ValueMap BridgeMappings { get; init; }

    /// <summary>Has a port on an external (provider) network: does distributed DNAT itself.</summary>
    public bool ExternalCapable { get; init; }

    /// <summary>May be chosen as a gateway chassis (centralized SNAT / fallback DNAT).</summary>
    public bool GatewayCapable { get; init; }

    /// <summary>A remote VTEP (named after its IP) rather than a Wyvern controller.</summary>
    public bool IsRemoteVtep { get; init; }

    /// <summary>Last time the controller refreshed this record (informational; liveness is the lease).</summary>
    public DateTimeOffset? HeartbeatAt { get; init; }

    /// <summary>The physical networks this chassis reaches (the keys of <see cref="BridgeMappings"/>).</summary>
    [JsonIgnore]
    public IEnumerable<string> PhysicalNetworks => BridgeMappings.Keys;
}
