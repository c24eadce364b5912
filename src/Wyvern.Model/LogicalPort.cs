using System.Text.Json.Serialization;

namespace Wyvern.Model;

/// <summary>A Neutron port on a <see cref="LogicalSwitch"/>.</summary>
public sealed record LogicalPort : NeutronObject, IKeyed
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override string Table => NbTables.Ports;

    /// <inheritdoc/>
    public int Key { get; init; }

    /// <inheritdoc/>
    [JsonIgnore]
    public string KeySpace => KeySpaces.Port;

    /// <summary>The network (<see cref="LogicalSwitch"/> id).</summary>
    public required string NetworkId { get; init; }

    /// <summary>mac_address.</summary>
    public required MacAddress MacAddress { get; init; }

    /// <summary>fixed_ips (subnet id + address).</summary>
    public ValueList<FixedIp> FixedIps { get; init; }

    /// <summary>device_owner (<c>compute:nova</c>, <c>network:router_interface</c>, <c>network:floatingip</c>, …).</summary>
    public string DeviceOwner { get; init; } = "";

    /// <summary>device_id (VM uuid, router id, …).</summary>
    public string DeviceId { get; init; } = "";

    /// <summary>admin_state_up: a disabled port drops everything.</summary>
    public bool AdminStateUp { get; init; } = true;

    /// <summary>status, written back by the controller of the bound chassis.</summary>
    public PortStatus Status { get; init; } = PortStatus.Down;

    /// <summary>port_security_enabled: anti-spoofing and security groups apply.</summary>
    public bool PortSecurityEnabled { get; init; } = true;

    /// <summary>security_groups (ids).</summary>
    public ValueList<string> SecurityGroupIds { get; init; }

    /// <summary>allowed_address_pairs.</summary>
    public ValueList<AllowedAddressPair> AllowedAddressPairs { get; init; }

    /// <summary>extra_dhcp_opts.</summary>
    public ValueList<ExtraDhcpOption> ExtraDhcpOptions { get; init; }

    /// <summary>Where the port is bound (chassis, or remote VTEP); null while unbound.</summary>
    public PortBinding? Binding { get; init; }

    /// <summary>binding:host_id as Neutron received it.</summary>
    public string? BindingHost { get; init; }

    /// <summary>binding:profile as Neutron received it (string values).</summary>
    public ValueMap BindingProfile { get; init; }

    /// <summary>binding:vif_type (<c>ovs</c>, <c>unbound</c>, …).</summary>
    public string BindingVifType { get; init; } = "unbound";

    /// <summary>binding:vnic_type (<c>normal</c>, …).</summary>
    public string BindingVnicType { get; init; } = "normal";
}
