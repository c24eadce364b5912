namespace Wyvern.Ovsdb.Errors;

/// <summary>
/// A <c>transact</c> that the server executed and rejected (RFC 7047 §4.1.3). Names the
/// operation that failed: its index in the request and its op name. When every operation
/// succeeded but the commit failed (constraint or referential-integrity checks run at
/// commit), <see cref="OperationIndex"/> is null and <see cref="Operation"/> is "commit".
/// </summary>
public sealed class OvsdbTransactionException : OvsdbException
{
    public OvsdbTransactionException()
    {
    }

    public OvsdbTransactionException(string message)
        : base(message)
    {
    }

    public OvsdbTransactionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OvsdbTransactionException(
        OvsdbErrorKind kind, string error, string? details, int? operationIndex, string operation, string? table)
        : base(Describe(error, details, operationIndex, operation, table))
    {
        Kind = kind;
        Error = error;
        Details = details;
        OperationIndex = operationIndex;
        Operation = operation;
        Table = table;
    }

    /// <summary>The error, as a closed set.</summary>
    public OvsdbErrorKind Kind { get; }

    /// <summary>The server's error string, verbatim.</summary>
    public string Error { get; } = "";

    /// <summary>The server's details, if any.</summary>
    public string? Details { get; }

    /// <summary>Index of the failed operation in the request, or null for a commit failure.</summary>
    public int? OperationIndex { get; }

    /// <summary>The failed operation's op ("insert", "wait", …) or "commit".</summary>
    public string Operation { get; } = "";

    /// <summary>The failed operation's table, if it has one.</summary>
    public string? Table { get; }

    private static string Describe(string error, string? details, int? index, string operation, string? table)
    {
        var where = index is null ? "at commit" : $"at operation {index} ({operation}{(table is null ? "" : " " + table)})";
        return $"transaction failed {where}: {error}{(details is null ? "" : ": " + details)}";
    }
}
