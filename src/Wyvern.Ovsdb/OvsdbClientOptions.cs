namespace Wyvern.Ovsdb;

/// <summary>How an <see cref="OvsdbClient"/> keeps its session alive.</summary>
public sealed record OvsdbClientOptions
{
    /// <summary>First delay before reconnecting; doubles after each failure.</summary>
    public TimeSpan ReconnectMinDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Largest delay between reconnect attempts.</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Interval of the client's own <c>echo</c> probe; a probe unanswered within one
    /// interval drops the session (and reconnects). <see cref="TimeSpan.Zero"/> disables it.</summary>
    public TimeSpan EchoInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Clock for delays.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
