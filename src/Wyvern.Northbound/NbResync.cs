namespace Wyvern.Northbound;

/// <summary>
/// The history the watcher asked for is gone (compacted): replace all state with
/// <see cref="Snapshot"/>; the feed continues after <c>Snapshot.Revision</c>.
/// </summary>
/// <param name="Snapshot">The full state.</param>
public sealed record NbResync(NbSnapshot Snapshot) : NbWatchEvent
{
    /// <inheritdoc/>
    public override long Revision => Snapshot.Revision;
}
