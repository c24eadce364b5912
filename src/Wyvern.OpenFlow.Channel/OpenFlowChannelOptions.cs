namespace Wyvern.OpenFlow.Channel;

/// <summary>Timings and limits of switch connections.</summary>
public sealed record OpenFlowChannelOptions
{
    /// <summary>After this long without any message from the switch, send an ECHO_REQUEST.</summary>
    public TimeSpan EchoInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>After this long without any message from the switch, the connection is closed as dead.</summary>
    public TimeSpan DeadPeerTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long HELLO and FEATURES may take before the connection is dropped.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a request waits for its reply.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest message accepted from a switch.</summary>
    public int MaxFrameLength { get; init; } = ushort.MaxValue;
}
