using Wyvern.Model;

namespace Wyvern.Northbound;

/// <summary>
/// The northbound store: versioned logical objects plus a change feed.
/// <para>Invariants every implementation keeps (tested by one contract suite):</para>
/// <list type="bullet">
/// <item>Every committed write (one object or one transaction) gets one new store revision,
/// strictly greater than all before; the objects it wrote get that revision as <see cref="NbObject.Version"/>.</item>
/// <item>A transaction applies all of its operations or none.</item>
/// <item><see cref="WatchAsync"/> from revision R delivers every change with revision &gt; R exactly once,
/// in revision order, grouped by revision; if the history after R is no longer kept (compaction),
/// it delivers an <see cref="NbResync"/> with a full snapshot first, never a silent gap.</item>
/// <item>An object written with a lease is deleted (visible in the watch) when the lease is revoked or
/// not renewed within its TTL.</item>
/// </list>
/// Conflicts (exists, missing, version mismatch) throw <see cref="NbConflictException"/>;
/// an unreachable backend throws <see cref="NbUnavailableException"/>.
/// </summary>
public interface INbStore : IAsyncDisposable
{
    /// <summary>The object <paramref name="id"/> of table <typeparamref name="T"/>, or null.</summary>
    Task<T?> GetAsync<T>(string id, CancellationToken cancellationToken = default) where T : NbObject;

    /// <summary>All objects of table <typeparamref name="T"/> (of one project when <paramref name="projectId"/> is given), ordered by id.</summary>
    Task<IReadOnlyList<T>> ListAsync<T>(string? projectId = null, CancellationToken cancellationToken = default) where T : NbObject;

    /// <summary>Creates <paramref name="value"/> (conflict if the id exists), optionally attached to a lease; returns it with its version.</summary>
    Task<T> CreateAsync<T>(T value, long? leaseId = null, CancellationToken cancellationToken = default) where T : NbObject;

    /// <summary>
    /// Replaces the stored object if its version still equals <c>value.Version</c> (compare-and-swap);
    /// returns it with its new version. The object keeps its lease, if any.
    /// </summary>
    Task<T> UpdateAsync<T>(T value, CancellationToken cancellationToken = default) where T : NbObject;

    /// <summary>
    /// Deletes <paramref name="id"/> of table <typeparamref name="T"/>; with <paramref name="expectedVersion"/>, only if
    /// it still has that version (else conflict). Returns false when there was nothing to delete.
    /// </summary>
    Task<bool> DeleteAsync<T>(string id, long? expectedVersion = null, CancellationToken cancellationToken = default) where T : NbObject;

    /// <summary>Applies all operations of <paramref name="transaction"/> at one revision, or none (throwing the first conflict).</summary>
    Task<NbCommitResult> CommitAsync(NbTransaction transaction, CancellationToken cancellationToken = default);

    /// <summary>A new key from <paramref name="keySpace"/> (see <see cref="KeySpaces"/>): 1, 2, 3…, never handed out twice, even under concurrency.</summary>
    Task<int> AllocateKeyAsync(string keySpace, CancellationToken cancellationToken = default);

    /// <summary>Every object, consistent at one revision (for a cold start: snapshot, then watch from its revision).</summary>
    Task<NbSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default);

    /// <summary>The change feed after <paramref name="afterRevision"/> (exclusive), until cancelled (or, embedded, the store is disposed).</summary>
    IAsyncEnumerable<NbWatchEvent> WatchAsync(long afterRevision, CancellationToken cancellationToken = default);

    /// <summary>A lease that expires <paramref name="ttl"/> after its last renewal (etcd rounds up to whole seconds).</summary>
    Task<NbLease> GrantLeaseAsync(TimeSpan ttl, CancellationToken cancellationToken = default);

    /// <summary>Renews a lease; false if it has already expired or was revoked (its objects are gone).</summary>
    Task<bool> KeepAliveAsync(long leaseId, CancellationToken cancellationToken = default);

    /// <summary>Revokes a lease now, deleting the objects attached to it.</summary>
    Task RevokeLeaseAsync(long leaseId, CancellationToken cancellationToken = default);
}
