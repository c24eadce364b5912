namespace Wyvern.Ovsdb.Errors;

/// <summary>Base of every error this library reports.</summary>
public class OvsdbException : Exception
{
    public OvsdbException()
    {
    }

    public OvsdbException(string message)
        : base(message)
    {
    }

    public OvsdbException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
