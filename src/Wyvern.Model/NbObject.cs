using System.Text.Json.Serialization;

namespace Wyvern.Model;

/// <summary>
/// A northbound object: one row of one table of the logical network.
/// Records compare by value, collections included (<see cref="ValueList{T}"/>, <see cref="ValueMap"/>).
/// </summary>
public abstract record NbObject
{
    /// <summary>Unique within its table (Neutron's UUID; a chassis's name).</summary>
    public required string Id { get; init; }

    /// <summary>
    /// The store revision of the last write of this object (etcd's mod_revision).
    /// Set by the store on read; 0 for an object never stored. An update succeeds
    /// only if this equals the stored version (compare-and-swap).
    /// </summary>
    public long Version { get; init; }

    /// <summary>The table this object lives in (one of <see cref="NbTables"/>).</summary>
    [JsonIgnore]
    public abstract string Table { get; }
}
