using System.Text.Json.Serialization;

namespace Wyvern.Model;

/// <summary>A Neutron security group with its rules (stateful, conntrack).</summary>
public sealed record SecurityGroup : NeutronObject, IKeyed
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override string Table => NbTables.SecurityGroups;

    /// <inheritdoc/>
    public int Key { get; init; }

    /// <inheritdoc/>
    [JsonIgnore]
    public string KeySpace => KeySpaces.SecurityGroup;

    /// <summary>stateful (Neutron's stateful-security-group extension); true by default.</summary>
    public bool Stateful { get; init; } = true;

    /// <summary>The rules.</summary>
    public ValueList<SecurityGroupRule> Rules { get; init; }
}
