namespace Wyvern.Model;

/// <summary>A router's external_gateway_info, plus the gateway port the API created for it.</summary>
public sealed record ExternalGateway
{
    /// <summary>The external network.</summary>
    public required string NetworkId { get; init; }

    /// <summary>external_fixed_ips: the router's SNAT addresses.</summary>
    public ValueList<FixedIp> ExternalFixedIps { get; init; }

    /// <summary>enable_snat.</summary>
    public bool EnableSnat { get; init; } = true;

    /// <summary>The gateway port (device_owner network:router_gateway), when created.</summary>
    public string? PortId { get; init; }

    /// <summary>The gateway port's MAC, when created.</summary>
    public MacAddress? MacAddress { get; init; }
}
