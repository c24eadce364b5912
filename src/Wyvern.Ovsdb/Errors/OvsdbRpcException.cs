namespace Wyvern.Ovsdb.Errors;

/// <summary>The server answered a request with a JSON-RPC error (RFC 7047 §4.1: a non-null
/// <c>"error"</c>), e.g. <c>unknown database</c> or <c>unknown method</c>.</summary>
public sealed class OvsdbRpcException : OvsdbException
{
    public OvsdbRpcException()
    {
    }

    public OvsdbRpcException(string message)
        : base(message)
    {
    }

    public OvsdbRpcException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OvsdbRpcException(string method, string error, string? details)
        : base($"{method} failed: {error}{(details is null ? "" : ": " + details)}")
    {
        Method = method;
        Error = error;
        Details = details;
    }

    /// <summary>The request's method.</summary>
    public string Method { get; } = "";

    /// <summary>The server's error string.</summary>
    public string Error { get; } = "";

    /// <summary>The server's details, if any.</summary>
    public string? Details { get; }
}
