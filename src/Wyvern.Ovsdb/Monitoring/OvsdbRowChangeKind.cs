namespace Wyvern.Ovsdb.Monitoring;

/// <summary>What happened to a row.</summary>
public enum OvsdbRowChangeKind
{
    /// <summary>The row appeared.</summary>
    Insert,
    /// <summary>Some of the row's columns changed.</summary>
    Modify,
    /// <summary>The row disappeared.</summary>
    Delete,
}
