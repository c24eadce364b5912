using Wyvern.Model;
using Wyvern.Northbound;

namespace Wyvern.Neutron;

/// <summary>
/// An <see cref="INbStore"/> that answers reads from memory and passes writes through, so that IPAM,
/// MAC and duplicate checks cost a scan of objects in memory rather than a decode of every port.
/// <para>Invariants: the cache starts from a snapshot and follows the store's watch from its
/// revision; a write of this process is applied from its commit result at once (read-your-writes);
/// an object is only ever replaced by a newer version, and a deleted id keeps a tombstone with its
/// delete revision, so a late watch event can never bring back an older state. A write refused as a
/// conflict reloads the objects it touched from the store, so the caller's retry sees the winner.
/// Correctness never depends on the cache being current: every write is still a compare-and-swap in the store.</para>
/// </summary>
public sealed class NbReadCache : INbStore
{
    private readonly INbStore _inner;
    private readonly object _gate = new();
    private readonly Dictionary<string, SortedDictionary<string, NbObject>> _tables = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Table, string Id), long> _tombstones = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lazy<Task> _loaded;
    private Task? _watch;

    /// <summary>A cache over <paramref name="inner"/> (which the caller keeps owning); loads on first use.</summary>
    public NbReadCache(INbStore inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _loaded = new Lazy<Task>(LoadAsync);
    }

    /// <inheritdoc/>
    public async Task<T?> GetAsync<T>(string id, CancellationToken cancellationToken = default) where T : NbObject
    {
        await _loaded.Value.WaitAsync(cancellationToken);
        lock (_gate)
        {
            return Table(NbTables.NameOf<T>()).TryGetValue(id, out var value) ? (T)value : null;
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<T>> ListAsync<T>(string? projectId = null, CancellationToken cancellationToken = default) where T : NbObject
    {
        await _loaded.Value.WaitAsync(cancellationToken);
        lock (_gate)
        {
            var values = Table(NbTables.NameOf<T>()).Values;
            return projectId is null
                ? [.. values.Cast<T>()]
                : [.. values.Cast<T>().Where(v => v is NeutronObject n && n.ProjectId == projectId)];
        }
    }

    /// <inheritdoc/>
    public async Task<T> CreateAsync<T>(T value, long? leaseId = null, CancellationToken cancellationToken = default) where T : NbObject =>
        (T)(await CommitAsync(new NbTransaction().Create(value, leaseId), cancellationToken)).Written[0];

    /// <inheritdoc/>
    public async Task<T> UpdateAsync<T>(T value, CancellationToken cancellationToken = default) where T : NbObject =>
        (T)(await CommitAsync(new NbTransaction().Update(value), cancellationToken)).Written[0];

    /// <inheritdoc/>
    public async Task<bool> DeleteAsync<T>(string id, long? expectedVersion = null, CancellationToken cancellationToken = default) where T : NbObject
    {
        try
        {
            await CommitAsync(new NbTransaction().Delete<T>(id, expectedVersion), cancellationToken);
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
        await _loaded.Value.WaitAsync(cancellationToken);
        NbCommitResult result;
        try
        {
            result = await _inner.CommitAsync(transaction, cancellationToken);
        }
        catch (NbConflictException)
        {
            await ReloadAsync(transaction, cancellationToken);
            throw;
        }
        lock (_gate)
        {
            foreach (var operation in transaction.Operations)
            {
                if (operation.Kind == NbOperationKind.Delete)
                {
                    Remove(operation.Table, operation.Id, result.Revision);
                }
            }
            foreach (var written in result.Written)
            {
                Put(written);
            }
        }
        return result;
    }

    /// <inheritdoc/>
    public Task<int> AllocateKeyAsync(string keySpace, CancellationToken cancellationToken = default) =>
        _inner.AllocateKeyAsync(keySpace, cancellationToken);

    /// <inheritdoc/>
    public Task<NbSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default) => _inner.GetSnapshotAsync(cancellationToken);

    /// <inheritdoc/>
    public IAsyncEnumerable<NbWatchEvent> WatchAsync(long afterRevision, CancellationToken cancellationToken = default) =>
        _inner.WatchAsync(afterRevision, cancellationToken);

    /// <inheritdoc/>
    public Task<NbLease> GrantLeaseAsync(TimeSpan ttl, CancellationToken cancellationToken = default) => _inner.GrantLeaseAsync(ttl, cancellationToken);

    /// <inheritdoc/>
    public Task<bool> KeepAliveAsync(long leaseId, CancellationToken cancellationToken = default) => _inner.KeepAliveAsync(leaseId, cancellationToken);

    /// <inheritdoc/>
    public Task RevokeLeaseAsync(long leaseId, CancellationToken cancellationToken = default) => _inner.RevokeLeaseAsync(leaseId, cancellationToken);

    /// <summary>Stops following the store; the inner store stays open (its owner disposes it).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_watch is not null)
        {
            try
            {
                await _watch;
            }
            catch (OperationCanceledException)
            {
            }
        }
        _stopping.Dispose();
    }

    private async Task LoadAsync()
    {
        var snapshot = await _inner.GetSnapshotAsync(_stopping.Token);
        Replace(snapshot);
        _watch = Task.Run(() => FollowAsync(snapshot.Revision, _stopping.Token));
    }

    private async Task FollowAsync(long revision, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var watchEvent in _inner.WatchAsync(revision, cancellationToken))
                {
                    Apply(watchEvent);
                    revision = watchEvent.Revision;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return; // the store's owner closed it before stopping the API
            }
#pragma warning disable CA1031 // the feed must outlive any one failure: resume where it stopped.
            catch (Exception)
#pragma warning restore CA1031
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    private void Apply(NbWatchEvent watchEvent)
    {
        switch (watchEvent)
        {
            case NbResync resync:
                Replace(resync.Snapshot);
                break;
            case NbChangeBatch batch:
                lock (_gate)
                {
                    foreach (var change in batch.Changes)
                    {
                        if (change.Kind == NbChangeKind.Put && change.Value is not null)
                        {
                            Put(change.Value);
                        }
                        else
                        {
                            Remove(change.Table, change.Id, batch.Revision);
                        }
                    }
                }
                break;
        }
    }

    private async Task ReloadAsync(NbTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var operation in transaction.Operations)
        {
            var fresh = await GetFromStoreAsync(operation.Table, operation.Id, cancellationToken);
            lock (_gate)
            {
                if (fresh is not null)
                {
                    _tombstones.Remove((operation.Table, operation.Id));
                    Table(operation.Table)[operation.Id] = fresh;
                }
                else
                {
                    Table(operation.Table).Remove(operation.Id);
                }
            }
        }
    }

    private Task<NbObject?> GetFromStoreAsync(string table, string id, CancellationToken cancellationToken) => table switch
    {
        NbTables.Networks => Upcast(_inner.GetAsync<LogicalSwitch>(id, cancellationToken)),
        NbTables.Subnets => Upcast(_inner.GetAsync<Subnet>(id, cancellationToken)),
        NbTables.Ports => Upcast(_inner.GetAsync<LogicalPort>(id, cancellationToken)),
        NbTables.Routers => Upcast(_inner.GetAsync<LogicalRouter>(id, cancellationToken)),
        NbTables.FloatingIps => Upcast(_inner.GetAsync<FloatingIp>(id, cancellationToken)),
        NbTables.SecurityGroups => Upcast(_inner.GetAsync<SecurityGroup>(id, cancellationToken)),
        _ => Upcast(_inner.GetAsync<Chassis>(id, cancellationToken)),
    };

    private static async Task<NbObject?> Upcast<T>(Task<T?> task) where T : NbObject => await task;

    private void Replace(NbSnapshot snapshot)
    {
        lock (_gate)
        {
            _tables.Clear();
            _tombstones.Clear();
            foreach (var value in snapshot.Objects)
            {
                Table(value.Table)[value.Id] = value;
            }
        }
    }

    // Newer versions only; never resurrect an id deleted at a later revision.
    private void Put(NbObject value)
    {
        if (_tombstones.TryGetValue((value.Table, value.Id), out var deletedAt) && deletedAt >= value.Version)
        {
            return;
        }
        var table = Table(value.Table);
        if (!table.TryGetValue(value.Id, out var current) || current.Version < value.Version)
        {
            table[value.Id] = value;
        }
    }

    private void Remove(string table, string id, long revision)
    {
        var objects = Table(table);
        if (objects.TryGetValue(id, out var current) && current.Version > revision)
        {
            return;
        }
        objects.Remove(id);
        _tombstones[(table, id)] = Math.Max(revision, _tombstones.GetValueOrDefault((table, id)));
    }

    private SortedDictionary<string, NbObject> Table(string name)
    {
        if (!_tables.TryGetValue(name, out var table))
        {
            table = new SortedDictionary<string, NbObject>(StringComparer.Ordinal);
            _tables[name] = table;
        }
        return table;
    }
}
