using System.Text.Json.Serialization;

namespace Wyvern.Model;

/// <summary>A Neutron router, distributed: every chassis routes between its subnets in flows.</summary>
public sealed record LogicalRouter : NeutronObject, IKeyed
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override string Table => NbTables.Routers;

    /// <inheritdoc/>
    public int Key { get; init; }

    /// <inheritdoc/>
    [JsonIgnore]
    public string KeySpace => KeySpaces.Router;

    /// <summary>admin_state_up.</summary>
    public bool AdminStateUp { get; init; } = true;

    /// <summary>The router interfaces.</summary>
    public ValueList<RouterPort> Ports { get; init; }

    /// <summary>routes (extra routes): destination via next hop.</summary>
    public ValueList<HostRoute> Routes { get; init; }

    /// <summary>external_gateway_info; null when the router has no gateway.</summary>
    public ExternalGateway? ExternalGateway { get; init; }

    /// <summary>Gateway chassis names in priority order (centralized SNAT, fallback DNAT).</summary>
    public ValueList<string> GatewayChassis { get; init; }
}
