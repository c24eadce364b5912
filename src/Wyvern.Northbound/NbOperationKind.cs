namespace Wyvern.Northbound;

/// <summary>What one operation of a transaction does.</summary>
public enum NbOperationKind
{
    /// <summary>Insert; conflict if the id exists.</summary>
    Create,

    /// <summary>Replace; conflict unless the stored version equals the expected one.</summary>
    Update,

    /// <summary>Remove; conflict if missing, or if an expected version is given and differs.</summary>
    Delete,
}
