namespace Wyvern.Northbound;

/// <summary>One item of the change feed: <see cref="NbChangeBatch"/> or <see cref="NbResync"/>.</summary>
public abstract record NbWatchEvent
{
    /// <summary>The revision a consumer has seen everything up to after applying this event; resume the watch after it.</summary>
    public abstract long Revision { get; }
}
