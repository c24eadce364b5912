namespace Wyvern.Northbound;

/// <summary>The store could not be reached (every etcd endpoint failed) or gave an answer it cannot use.</summary>
public class NbUnavailableException : Exception
{
    /// <summary>With a message.</summary>
    public NbUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>With a message and the last underlying failure.</summary>
    public NbUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
