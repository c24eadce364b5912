namespace Wyvern.Ovsdb.Errors;

/// <summary>The request could not complete because the client is not connected or the
/// connection was lost before the reply arrived. The client reconnects by itself; the
/// caller decides whether to retry.</summary>
public sealed class OvsdbConnectionException : OvsdbException
{
    public OvsdbConnectionException()
    {
    }

    public OvsdbConnectionException(string message)
        : base(message)
    {
    }

    public OvsdbConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
