namespace Wyvern.OpenFlow.Channel;

/// <summary>What the keep-alive timer does on a tick.</summary>
internal enum KeepAliveAction
{
    None,
    SendEcho,
    Close,
}

/// <summary>
/// The keep-alive decision (OF 1.3.5 §6.3.2), apart from timers and sockets so that it can be
/// tested tick by tick: echo a peer that has been silent for <see cref="OpenFlowChannelOptions.EchoInterval"/>,
/// one echo at a time, and close one that stayed silent for <see cref="OpenFlowChannelOptions.DeadPeerTimeout"/>
/// with our echo unanswered. Times are milliseconds on one monotonic clock.
/// </summary>
internal sealed class KeepAlive(OpenFlowChannelOptions options)
{
    // When the echo still waiting for an answer was sent; 0 when none is.
    private long _echoSentAt;

    /// <summary>How long the last tick found the peer silent, for the close reason.</summary>
    public long Idle { get; private set; }

    /// <param name="now">The tick's time.</param>
    /// <param name="lastReceived">When the peer last sent a message.</param>
    /// <param name="lastWriteProgress">When the peer last took a chunk of our data.</param>
    /// <param name="writing">A write is under way (a large install): no echo, which would queue behind it.</param>
    public KeepAliveAction Tick(long now, long lastReceived, long lastWriteProgress, bool writing)
    {
        Idle = now - Math.Max(lastReceived, lastWriteProgress);
        // Any message after our echo answers it, however late this tick runs: a tick that only
        // looked at how long the peer had been quiet missed replies when the timer was delayed,
        // then sent no further echo and dropped a switch that had answered.
        if (_echoSentAt != 0 && lastReceived >= _echoSentAt)
        {
            _echoSentAt = 0;
        }

        if (writing)
        {
            _echoSentAt = 0;
            return Idle >= options.DeadPeerTimeout.TotalMilliseconds ? KeepAliveAction.Close : KeepAliveAction.None;
        }

        // Dead only if it also left our echo unanswered long enough, so a late tick (a busy
        // thread pool) cannot drop a healthy switch.
        var echoUnanswered = _echoSentAt != 0
            && now - _echoSentAt >= options.DeadPeerTimeout.TotalMilliseconds - options.EchoInterval.TotalMilliseconds;
        if (Idle >= options.DeadPeerTimeout.TotalMilliseconds && echoUnanswered)
        {
            return KeepAliveAction.Close;
        }

        return Idle >= options.EchoInterval.TotalMilliseconds && _echoSentAt == 0 ? KeepAliveAction.SendEcho : KeepAliveAction.None;
    }

    /// <summary>The echo <see cref="Tick"/> asked for went out at <paramref name="now"/>.</summary>
    public void EchoSent(long now) => _echoSentAt = now;
}
