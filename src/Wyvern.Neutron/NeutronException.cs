namespace Wyvern.Neutron;

/// <summary>
/// A request refused the way Neutron refuses it: an HTTP status and Neutron's error type name,
/// rendered as <c>{"NeutronError": {"type", "message", "detail"}}</c>.
/// </summary>
public sealed class NeutronException : Exception
{
    /// <summary>A refusal with <paramref name="status"/>, Neutron type <paramref name="type"/> and <paramref name="message"/>.</summary>
    public NeutronException(int status, string type, string message)
        : base(message)
    {
        Status = status;
        Type = type;
    }

    /// <summary>The HTTP status.</summary>
    public int Status { get; }

    /// <summary>Neutron's error type (exception class name), e.g. <c>NetworkInUse</c>.</summary>
    public string Type { get; }
}
