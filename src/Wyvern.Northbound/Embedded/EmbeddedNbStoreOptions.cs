namespace Wyvern.Northbound.Embedded;

/// <summary>Settings of an <see cref="EmbeddedNbStore"/>.</summary>
public sealed record EmbeddedNbStoreOptions
{
    /// <summary>
    /// fsync every commit (SQLite <c>synchronous=FULL</c>): an acknowledged write survives a power
    /// loss. With false (<c>NORMAL</c>) it still survives a process crash, and the database is never
    /// torn, but the last commits may roll back on power loss.
    /// </summary>
    public bool SyncEveryCommit { get; init; } = true;

    /// <summary>How many revisions of change history to keep for watchers that resume; older ones are compacted.</summary>
    public long HistoryRevisions { get; init; } = 100_000;

    /// <summary>How often expired leases are looked for.</summary>
    public TimeSpan LeaseCheckInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The clock for lease deadlines.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
