namespace Wyvern.Northbound;

/// <summary>A write refused by the store's checks; nothing of its transaction was applied.</summary>
public sealed class NbConflictException : Exception
{
    /// <summary>A conflict on <paramref name="table"/>/<paramref name="id"/>.</summary>
    public NbConflictException(NbConflictKind kind, string table, string id)
        : base($"{kind} on {table}/{id}")
    {
        Kind = kind;
        Table = table;
        Id = id;
    }

    /// <summary>Why.</summary>
    public NbConflictKind Kind { get; }

    /// <summary>The table of the object that conflicted.</summary>
    public string Table { get; }

    /// <summary>The id of the object that conflicted.</summary>
    public string Id { get; }
}
