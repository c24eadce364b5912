using Wyvern.Northbound;
using Wyvern.Northbound.Embedded;
using Wyvern.Testing.Etcd;

namespace Wyvern.Controller.Tests.Gateways;

/// <summary>The rescheduler on the embedded store (peers share one instance, as in <c>wyvern serve</c>).</summary>
[Trait("Layer", "Unit")]
public sealed class EmbeddedGatewayReschedulerTests : GatewayReschedulerContract, IDisposable
{
    private readonly TempDirectory _dir = new();
    private EmbeddedNbStore? _store;

    protected override Task<INbStore> OpenStoreAsync()
    {
        _store = EmbeddedNbStore.Open(Path.Combine(_dir.Path, "nb.db"),
            new EmbeddedNbStoreOptions { SyncEveryCommit = false, LeaseCheckInterval = TimeSpan.FromMilliseconds(50) });
        return Task.FromResult<INbStore>(_store);
    }

    protected override Task<INbStore> OpenPeerAsync() => Task.FromResult<INbStore>(new SharedStore(_store!));

    public void Dispose() => _dir.Dispose();

    /// <summary>The same store, with a dispose that does nothing (the test owns the real one).</summary>
    private sealed class SharedStore(INbStore inner) : INbStore
    {
        public Task<T?> GetAsync<T>(string id, CancellationToken cancellationToken = default) where T : Model.NbObject => inner.GetAsync<T>(id, cancellationToken);

        public Task<IReadOnlyList<T>> ListAsync<T>(string? projectId = null, CancellationToken cancellationToken = default) where T : Model.NbObject => inner.ListAsync<T>(projectId, cancellationToken);

        public Task<T> CreateAsync<T>(T value, long? leaseId = null, CancellationToken cancellationToken = default) where T : Model.NbObject => inner.CreateAsync(value, leaseId, cancellationToken);

        public Task<T> UpdateAsync<T>(T value, CancellationToken cancellationToken = default) where T : Model.NbObject => inner.UpdateAsync(value, cancellationToken);

        public Task<bool> DeleteAsync<T>(string id, long? expectedVersion = null, CancellationToken cancellationToken = default) where T : Model.NbObject => inner.DeleteAsync<T>(id, expectedVersion, cancellationToken);

        public Task<NbCommitResult> CommitAsync(NbTransaction transaction, CancellationToken cancellationToken = default) => inner.CommitAsync(transaction, cancellationToken);

        public Task<int> AllocateKeyAsync(string keySpace, CancellationToken cancellationToken = default) => inner.AllocateKeyAsync(keySpace, cancellationToken);

        public Task<NbSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default) => inner.GetSnapshotAsync(cancellationToken);

        public IAsyncEnumerable<NbWatchEvent> WatchAsync(long afterRevision, CancellationToken cancellationToken = default) => inner.WatchAsync(afterRevision, cancellationToken);

        public Task<NbLease> GrantLeaseAsync(TimeSpan ttl, CancellationToken cancellationToken = default) => inner.GrantLeaseAsync(ttl, cancellationToken);

        public Task<bool> KeepAliveAsync(long leaseId, CancellationToken cancellationToken = default) => inner.KeepAliveAsync(leaseId, cancellationToken);

        public Task RevokeLeaseAsync(long leaseId, CancellationToken cancellationToken = default) => inner.RevokeLeaseAsync(leaseId, cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
