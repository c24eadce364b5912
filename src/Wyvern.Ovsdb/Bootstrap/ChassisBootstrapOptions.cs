using System.Collections.Immutable;

namespace Wyvern.Ovsdb.Bootstrap;

/// <summary>What a chassis's Open vSwitch must look like before the controller programs it.</summary>
public sealed record ChassisBootstrapOptions
{
    /// <summary>The tunnel types a chassis may configure.</summary>
    public static readonly ImmutableArray<string> KnownTunnelTypes = ["vxlan", "geneve", "gre"];

    /// <summary>The database (always "Open_vSwitch" on a real chassis).</summary>
    public string Database { get; init; } = "Open_vSwitch";

    /// <summary>The integration bridge.</summary>
    public string IntegrationBridge { get; init; } = "br-int";

    /// <summary>"system" (kernel datapath) in production, "netdev" (userspace) in tests.</summary>
    public string DatapathType { get; init; } = "system";

    /// <summary>The OpenFlow controller target (e.g. <c>tcp:127.0.0.1:6653</c>,
    /// <c>unix:/var/run/openvswitch/wyvern.sock</c>); null leaves the bridge's controllers alone.</summary>
    public string? ControllerTarget { get; init; }

    /// <summary>One virtual (flow-based) tunnel port per type listed here: vxlan, geneve, gre.</summary>
    public IReadOnlyList<string> TunnelTypes { get; init; } = [];

    /// <summary>The chassis's underlay IP, the tunnels' <c>options:local_ip</c>. Required with tunnels.</summary>
    public string? LocalIp { get; init; }

    /// <summary>Provider networks: physical network name → provider bridge (Neutron's
    /// <c>bridge_mappings</c>, see <see cref="ParseBridgeMappings"/>).</summary>
    public IReadOnlyDictionary<string, string> BridgeMappings { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Written to <c>Open_vSwitch external_ids:system-id</c> if absent.</summary>
    public required string SystemId { get; init; }

    /// <summary>Written to <c>Open_vSwitch external_ids:hostname</c> if absent.</summary>
    public required string Hostname { get; init; }

    /// <summary>The name of the virtual tunnel port of <paramref name="tunnelType"/>.</summary>
    public static string TunnelPortName(string tunnelType) => tunnelType + "-vt";

    /// <summary>The integration-bridge side of the patch to <paramref name="providerBridge"/> (Neutron's name).</summary>
    public static string IntegrationPatchName(string providerBridge) => "int-" + providerBridge;

    /// <summary>The provider-bridge side of the patch (Neutron's name).</summary>
    public static string ProviderPatchName(string providerBridge) => "phy-" + providerBridge;

    /// <summary>Parses <c>physnet1:br-ex,physnet2:br-vlan</c>.</summary>
    public static IReadOnlyDictionary<string, string> ParseBridgeMappings(string mappings)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        var result = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var entry in mappings.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split(':');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                throw new FormatException($"bridge mapping must be physnet:bridge, got \"{entry}\"");
            }

            if (!result.TryAdd(parts[0], parts[1]))
            {
                throw new FormatException($"physical network \"{parts[0]}\" is mapped twice");
            }
        }

        return result.ToImmutable();
    }

    /// <summary>Throws <see cref="ArgumentException"/> for a configuration that cannot be applied.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(IntegrationBridge);
        ArgumentException.ThrowIfNullOrEmpty(SystemId);
        foreach (var type in TunnelTypes)
        {
            if (!KnownTunnelTypes.Contains(type))
            {
                throw new ArgumentException($"unknown tunnel type \"{type}\" (want one of {string.Join(", ", KnownTunnelTypes)})");
            }
        }

        if (TunnelTypes.Count > 0 && string.IsNullOrEmpty(LocalIp))
        {
            throw new ArgumentException("tunnel ports need the chassis underlay IP (LocalIp)");
        }

        if (BridgeMappings.Values.Contains(IntegrationBridge, StringComparer.Ordinal))
        {
            throw new ArgumentException("a provider bridge cannot be the integration bridge");
        }

        if (BridgeMappings.Values.Distinct(StringComparer.Ordinal).Count() != BridgeMappings.Count)
        {
            throw new ArgumentException("each provider bridge may serve one physical network");
        }
    }
}
