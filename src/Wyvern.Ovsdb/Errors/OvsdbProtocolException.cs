namespace Wyvern.Ovsdb.Errors;

/// <summary>The peer sent JSON that is not valid OVSDB (a malformed value, row, schema or message).</summary>
public sealed class OvsdbProtocolException : OvsdbException
{
    public OvsdbProtocolException()
    {
    }

    public OvsdbProtocolException(string message)
        : base(message)
    {
    }

    public OvsdbProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
