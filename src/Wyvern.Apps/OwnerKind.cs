namespace Wyvern.Apps;

/// <summary>The kinds of logical object that own flows.</summary>
public enum OwnerKind
{
    /// <summary>Flows that exist on every chassis regardless of the model (table defaults).</summary>
    Pipeline,
    Port,
    Network,
    Router,
    Chassis,
    FloatingIp,
    SecurityGroup,
}
