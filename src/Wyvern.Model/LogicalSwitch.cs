using System.Text.Json.Serialization;

namespace Wyvern.Model;

/// <summary>A Neutron network: one L2 broadcast domain.</summary>
public sealed record LogicalSwitch : NeutronObject, IKeyed
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override string Table => NbTables.Networks;

    /// <inheritdoc/>
    public int Key { get; init; }

    /// <inheritdoc/>
    [JsonIgnore]
    public string KeySpace => KeySpaces.Network;

    /// <summary>provider:network_type.</summary>
    public NetworkType NetworkType { get; init; } = NetworkType.Vxlan;

    /// <summary>provider:segmentation_id: the VNI / GRE key / VLAN id (the tunnel key on the wire); null for flat and local.</summary>
    public int? SegmentationId { get; init; }

    /// <summary>provider:physical_network, for vlan and flat.</summary>
    public string? PhysicalNetwork { get; init; }

    /// <summary>The network MTU.</summary>
    public int Mtu { get; init; } = 1450;

    /// <summary>router:external: floating IPs and router gateways come from it.</summary>
    public bool External { get; init; }

    /// <summary>Shared with every project.</summary>
    public bool Shared { get; init; }

    /// <summary>admin_state_up.</summary>
    public bool AdminStateUp { get; init; } = true;

    /// <summary>port_security_enabled: the default for new ports on this network.</summary>
    public bool PortSecurityEnabled { get; init; } = true;

    /// <summary>True for vxlan, geneve and gre.</summary>
    [JsonIgnore]
    public bool IsOverlay => NetworkType is NetworkType.Vxlan or NetworkType.Geneve or NetworkType.Gre;
}
