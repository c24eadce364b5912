namespace Wyvern.Northbound;

/// <summary>All changes of one store revision (one write or one transaction), in operation order.</summary>
/// <param name="Revision">The revision.</param>
/// <param name="Changes">The changes made at it.</param>
public sealed record NbChangeBatch(long Revision, IReadOnlyList<NbChange> Changes) : NbWatchEvent
{
    /// <inheritdoc/>
    public override long Revision { get; } = Revision;
}
