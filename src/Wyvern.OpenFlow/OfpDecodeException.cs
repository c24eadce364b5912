namespace Wyvern.OpenFlow;

/// <summary>Bytes that are not valid OpenFlow 1.3; <see cref="Error"/> says why.</summary>
public sealed class OfpDecodeException : Exception
{
    public OfpDecodeException(OfpDecodeError error, string message)
        : base($"{error}: {message}")
    {
        Error = error;
    }

    public OfpDecodeException()
        : this(OfpDecodeError.BadValue, "invalid OpenFlow")
    {
    }

    public OfpDecodeException(string message)
        : this(OfpDecodeError.BadValue, message)
    {
    }

    public OfpDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = OfpDecodeError.BadValue;
    }

    /// <summary>The kind of error.</summary>
    public OfpDecodeError Error { get; }
}
