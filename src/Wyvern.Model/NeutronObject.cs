namespace Wyvern.Model;

/// <summary>Fields every Neutron resource carries (name, project, tags, timestamps, revision_number).</summary>
public abstract record NeutronObject : NbObject
{
    /// <summary>Neutron's project_id (tenant_id); null for objects without one.</summary>
    public string? ProjectId { get; init; }

    /// <summary>Neutron's name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Neutron's description.</summary>
    public string Description { get; init; } = "";

    /// <summary>Neutron's tags (standard-attr tag extension).</summary>
    public ValueList<string> Tags { get; init; }

    /// <summary>created_at.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>updated_at.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Neutron's revision_number, bumped by the API on each change.</summary>
    public long RevisionNumber { get; init; }
}
