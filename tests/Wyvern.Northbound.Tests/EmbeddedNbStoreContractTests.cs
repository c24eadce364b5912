using Wyvern.Northbound.Embedded;

using Wyvern.Testing.Etcd;

namespace Wyvern.Northbound.Tests;

[Trait("Layer", "Unit")]
public sealed class EmbeddedNbStoreContractTests : NbStoreContractTests, IDisposable
{
    private readonly TempDirectory _dir = new();

    protected override Task<NbStoreBase> CreateStoreAsync() =>
        Task.FromResult<NbStoreBase>(EmbeddedNbStore.Open(_dir.File("nb.db"), new EmbeddedNbStoreOptions { SyncEveryCommit = false }));

    public void Dispose() => _dir.Dispose();
}
