namespace Wyvern.OpenFlow.Channel;

/// <summary>The switch connection closed while a request was outstanding.</summary>
public sealed class SwitchDisconnectedException : Exception
{
    public SwitchDisconnectedException()
        : this("switch disconnected")
    {
    }

    public SwitchDisconnectedException(string message)
        : base(message)
    {
    }

    public SwitchDisconnectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
