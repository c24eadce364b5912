namespace Wyvern.Northbound;

/// <summary>Why a write was refused.</summary>
public enum NbConflictKind
{
    /// <summary>Create of an id that exists.</summary>
    AlreadyExists,

    /// <summary>Update or delete of an id that does not exist.</summary>
    NotFound,

    /// <summary>The stored version differs from the expected one (someone else wrote first).</summary>
    VersionMismatch,
}
