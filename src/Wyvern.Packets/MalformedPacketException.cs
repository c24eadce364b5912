namespace Wyvern.Packets;

/// <summary>A packet is truncated or inconsistent; the message says which header and why.</summary>
public sealed class MalformedPacketException : Exception
{
    public MalformedPacketException() { }

    public MalformedPacketException(string message) : base(message) { }

    public MalformedPacketException(string message, Exception inner) : base(message, inner) { }

    internal static void ThrowIfShort(ReadOnlySpan<byte> data, int needed, string what)
    {
        if (data.Length < needed)
        {
            throw new MalformedPacketException($"{what}: {data.Length} bytes, need {needed}");
        }
    }
}
