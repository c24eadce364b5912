namespace Wyvern.Controller.PacketIns;

/// <summary>
/// Per-key token buckets: each key (a port) may send <c>rate</c> packet-ins
/// per second with bursts of twice that; beyond it packets are dropped at the
/// controller, so one flooding VM cannot starve the others.
/// </summary>
public sealed class TokenBucketLimiter(double ratePerSecond, TimeProvider time)
{
    private readonly Dictionary<long, (double Tokens, long Stamp)> _buckets = [];
    private readonly double _burst = Math.Max(1, ratePerSecond * 2);

    /// <summary>Takes a token for <paramref name="key"/>; false when its bucket is empty.</summary>
    public bool TryTake(long key)
    {
        var now = time.GetTimestamp();
        var (tokens, stamp) = _buckets.TryGetValue(key, out var b) ? b : (_burst, now);
        tokens = Math.Min(_burst, tokens + (time.GetElapsedTime(stamp, now).TotalSeconds * ratePerSecond));
        if (tokens < 1)
        {
            _buckets[key] = (tokens, now);
            return false;
        }
        _buckets[key] = (tokens - 1, now);
        return true;
    }
}
