using Wyvern.Model;

namespace Wyvern.Northbound;

/// <summary>
/// The typed half of <see cref="INbStore"/> shared by both stores: single-object writes are
/// one-operation transactions, so every write goes through <see cref="CommitAsync"/> and both
/// stores check the same conditions in one place each.
/// </summary>
public abstract class NbStoreBase : INbStore
{
    /// <inheritdoc/>
    public async Task<T?> GetAsync<T>(string id, CancellationToken cancellationToken = default) where T : NbObject =>
        (T?)await GetObjectAsync(NbTables.NameOf<T>(), id, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<T>> ListAsync<T>(string? projectId = null, CancellationToken cancellationToken = default)
        where T : NbObject
    {
        var all = await ListObjectsAsync(NbTables.NameOf<T>(), projectId, cancellationToken).ConfigureAwait(false);
        return [.. all.Cast<T>().Where(o => projectId is null || NbCodec.ProjectOf(o) == projectId)];
    }

    /// <inheritdoc/>
    public async Task<T> CreateAsync<T>(T value, long? leaseId = null, CancellationToken cancellationToken = default)
        where T : NbObject
    {
        var result = await CommitAsync(new NbTransaction().Create(value, leaseId), cancellationToken).ConfigureAwait(false);
        return (T)result.Written[0];
    }

    /// <inheritdoc/>
    public async Task<T> UpdateAsync<T>(T value, CancellationToken cancellationToken = default) where T : NbObject
    {
        var result = await CommitAsync(new NbTransaction().Update(value), cancellationToken).ConfigureAwait(false);
        return (T)result.Written[0];
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteAsync<T>(string id, long? expectedVersion = null, CancellationToken cancellationToken = default)
        where T : NbObject
    {
        try
        {
            await CommitAsync(new NbTransaction().Delete<T>(id, expectedVersion), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (NbConflictException e) when (e.Kind == NbConflictKind.NotFound)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public async Task<NbCommitResult> CommitAsync(NbTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (transaction.Operations.Count == 0)
        {
            throw new ArgumentException("empty transaction", nameof(transaction));
        }
        var revision = await CommitOperationsAsync(transaction.Operations, cancellationToken).ConfigureAwait(false);
        var written = transaction.Operations
            .Where(o => o.Value is not null)
            .Select(o => o.Value! with { Version = revision })
            .ToList();
        return new NbCommitResult(revision, written);
    }

    /// <summary>One object, decoded, or null.</summary>
    protected abstract Task<NbObject?> GetObjectAsync(string table, string id, CancellationToken cancellationToken);

    /// <summary>The objects of a table ordered by id; a store may ignore <paramref name="projectId"/> (the caller filters).</summary>
    protected abstract Task<IReadOnlyList<NbObject>> ListObjectsAsync(string table, string? projectId, CancellationToken cancellationToken);

    /// <summary>Applies all operations at one new revision or none (throwing <see cref="NbConflictException"/>); returns the revision.</summary>
    protected abstract Task<long> CommitOperationsAsync(IReadOnlyList<NbOperation> operations, CancellationToken cancellationToken);

    /// <inheritdoc/>
    public abstract Task<int> AllocateKeyAsync(string keySpace, CancellationToken cancellationToken = default);

    /// <inheritdoc/>
    public abstract Task<NbSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default);

    /// <inheritdoc/>
    public abstract IAsyncEnumerable<NbWatchEvent> WatchAsync(long afterRevision, CancellationToken cancellationToken = default);

    /// <inheritdoc/>
    public abstract Task<NbLease> GrantLeaseAsync(TimeSpan ttl, CancellationToken cancellationToken = default);

    /// <inheritdoc/>
    public abstract Task<bool> KeepAliveAsync(long leaseId, CancellationToken cancellationToken = default);

    /// <inheritdoc/>
    public abstract Task RevokeLeaseAsync(long leaseId, CancellationToken cancellationToken = default);

    /// <summary>Discards change history up to <paramref name="revision"/>: a watch from before it gets an <see cref="NbResync"/>.</summary>
    public abstract Task CompactAsync(long revision, CancellationToken cancellationToken = default);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the store's resources.</summary>
    protected abstract ValueTask DisposeAsyncCore();
}
