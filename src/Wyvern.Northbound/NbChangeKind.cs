namespace Wyvern.Northbound;

/// <summary>What happened to an object.</summary>
public enum NbChangeKind
{
    /// <summary>Created or updated: <see cref="NbChange.Value"/> is the new object.</summary>
    Put,

    /// <summary>Deleted (explicitly or by lease expiry): <see cref="NbChange.Value"/> is null.</summary>
    Delete,
}
