namespace Wyvern.Apps;

/// <summary>
/// The logical object a set of flows belongs to. A change to the object
/// recomputes exactly the flows of its owner (and of the owners that depend on it).
/// </summary>
public readonly record struct Owner(OwnerKind Kind, string Id) : IComparable<Owner>
{
    /// <summary>The owner of the pipeline's fixed flows.</summary>
    public static Owner Pipeline { get; } = new(OwnerKind.Pipeline, "");

    public static Owner Port(string id) => new(OwnerKind.Port, id);

    public static Owner Network(string id) => new(OwnerKind.Network, id);

    public static Owner Router(string id) => new(OwnerKind.Router, id);

    public static Owner Chassis(string id) => new(OwnerKind.Chassis, id);

    public static Owner FloatingIp(string id) => new(OwnerKind.FloatingIp, id);

    public static Owner SecurityGroup(string id) => new(OwnerKind.SecurityGroup, id);

    public int CompareTo(Owner other)
    {
        var c = Kind.CompareTo(other.Kind);
        return c != 0 ? c : string.CompareOrdinal(Id, other.Id);
    }

    public static bool operator <(Owner left, Owner right) => left.CompareTo(right) < 0;

    public static bool operator >(Owner left, Owner right) => left.CompareTo(right) > 0;

    public static bool operator <=(Owner left, Owner right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Owner left, Owner right) => left.CompareTo(right) >= 0;

    /// <summary><c>kind/id</c>, as stored in <see cref="Pipeline.FlowSpec.Owner"/>.</summary>
    public override string ToString() => Kind == OwnerKind.Pipeline ? "pipeline" : $"{Kind.ToString().ToLowerInvariant()}/{Id}";
}
