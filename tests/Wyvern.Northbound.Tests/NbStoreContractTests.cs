using Wyvern.Model;

namespace Wyvern.Northbound.Tests;

/// <summary>
/// The contract every <see cref="INbStore"/> keeps. Each concrete subclass supplies a fresh,
/// empty store per test; the same tests run against the embedded store and against etcd.
/// </summary>
public abstract partial class NbStoreContractTests : IAsyncLifetime
{
    private NbStoreBase? _store;

    protected NbStoreBase Store => _store ?? throw new InvalidOperationException("store not created");

    /// <summary>A new empty store.</summary>
    protected abstract Task<NbStoreBase> CreateStoreAsync();

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    [Fact]
    public async Task Create_ThenGet_ReturnsEqualObjectWithItsVersion()
    {
        var created = await Store.CreateAsync(Samples.Port("p1"));

        created.Version.ShouldBeGreaterThan(0);
        var read = await Store.GetAsync<LogicalPort>("p1");
        read.ShouldBe(Samples.Port("p1") with { Version = created.Version });
        (await Store.GetAsync<LogicalPort>("nope")).ShouldBeNull();
        (await Store.GetAsync<LogicalSwitch>("p1")).ShouldBeNull();
    }

    [Fact]
    public async Task Create_ExistingId_ThrowsAlreadyExists()
    {
        await Store.CreateAsync(Samples.Port("p1"));

        var error = await Should.ThrowAsync<NbConflictException>(() => Store.CreateAsync(Samples.Port("p1", n: 2)));

        error.Kind.ShouldBe(NbConflictKind.AlreadyExists);
        (await Store.GetAsync<LogicalPort>("p1"))!.Key.ShouldBe(1);
    }

    [Fact]
    public async Task Update_WithCurrentVersion_ReplacesAndBumpsVersion()
    {
        var created = await Store.CreateAsync(Samples.Port("p1"));

        var updated = await Store.UpdateAsync(created with { DeviceId = "vm-9" });

        updated.Version.ShouldBeGreaterThan(created.Version);
        (await Store.GetAsync<LogicalPort>("p1")).ShouldBe(updated);
    }

    [Fact]
    public async Task Update_WithStaleVersion_ThrowsVersionMismatchAndKeepsTheWinner()
    {
        var created = await Store.CreateAsync(Samples.Port("p1"));
        var winner = await Store.UpdateAsync(created with { DeviceId = "first" });

        var error = await Should.ThrowAsync<NbConflictException>(() => Store.UpdateAsync(created with { DeviceId = "second" }));

        error.Kind.ShouldBe(NbConflictKind.VersionMismatch);
        (await Store.GetAsync<LogicalPort>("p1")).ShouldBe(winner);
    }

    [Fact]
    public async Task Update_Missing_ThrowsNotFound()
    {
        var error = await Should.ThrowAsync<NbConflictException>(() => Store.UpdateAsync(Samples.Port("p1") with { Version = 1 }));

        error.Kind.ShouldBe(NbConflictKind.NotFound);
    }

    [Fact]
    public async Task Delete_RemovesOnce_AndChecksVersionWhenGiven()
    {
        var created = await Store.CreateAsync(Samples.Port("p1"));
        await Store.UpdateAsync(created);

        await Should.ThrowAsync<NbConflictException>(() => Store.DeleteAsync<LogicalPort>("p1", expectedVersion: created.Version));
        (await Store.DeleteAsync<LogicalPort>("p1")).ShouldBeTrue();
        (await Store.GetAsync<LogicalPort>("p1")).ShouldBeNull();
        (await Store.DeleteAsync<LogicalPort>("p1")).ShouldBeFalse();
    }

    [Fact]
    public async Task List_ByTableAndByProject()
    {
        await Store.CreateAsync(Samples.Port("p2", "proj-b"));
        await Store.CreateAsync(Samples.Port("p1", "proj-a"));
        await Store.CreateAsync(Samples.Port("p3", "proj-a"));
        await Store.CreateAsync(Samples.Network("n1", "proj-a"));

        (await Store.ListAsync<LogicalPort>()).Select(p => p.Id).ShouldBe(["p1", "p2", "p3"]);
        (await Store.ListAsync<LogicalPort>("proj-a")).Select(p => p.Id).ShouldBe(["p1", "p3"]);
        (await Store.ListAsync<LogicalSwitch>()).Select(p => p.Id).ShouldBe(["n1"]);
        (await Store.ListAsync<SecurityGroup>()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Transaction_AppliesEveryOperationAtOneRevision()
    {
        var fip = await Store.CreateAsync(Samples.FloatingIp("f1"));
        await Store.CreateAsync(Samples.Network("old"));

        var result = await Store.CommitAsync(new NbTransaction()
            .Create(Samples.Port("p1"))
            .Update(fip with { PortId = "p1" })
            .Delete<LogicalSwitch>("old"));

        result.Written.Select(o => o.Version).ShouldAllBe(v => v == result.Revision);
        (await Store.GetAsync<LogicalPort>("p1"))!.Version.ShouldBe(result.Revision);
        (await Store.GetAsync<FloatingIp>("f1"))!.PortId.ShouldBe("p1");
        (await Store.GetAsync<LogicalSwitch>("old")).ShouldBeNull();
    }

    [Fact]
    public async Task Transaction_WithOneConflict_AppliesNothing()
    {
        var fip = await Store.CreateAsync(Samples.FloatingIp("f1"));
        await Store.UpdateAsync(fip with { RouterId = "r1" });
        await Store.CreateAsync(Samples.Network("n1"));

        var error = await Should.ThrowAsync<NbConflictException>(() => Store.CommitAsync(new NbTransaction()
            .Create(Samples.Port("p1"))
            .Delete<LogicalSwitch>("n1")
            .Update(fip with { PortId = "p1" })));

        error.Kind.ShouldBe(NbConflictKind.VersionMismatch);
        error.Id.ShouldBe("f1");
        (await Store.GetAsync<LogicalPort>("p1")).ShouldBeNull();
        (await Store.GetAsync<LogicalSwitch>("n1")).ShouldNotBeNull();
        (await Store.GetAsync<FloatingIp>("f1"))!.RouterId.ShouldBe("r1");
    }

    [Fact]
    public async Task AllocateKey_Concurrently_NeverRepeatsAKey()
    {
        var tasks = Enumerable.Range(0, 64)
            .Select(i => Task.Run(() => Store.AllocateKeyAsync(i % 2 == 0 ? KeySpaces.Port : KeySpaces.Network)))
            .ToList();
        var keys = await Task.WhenAll(tasks);

        var ports = keys.Where((_, i) => i % 2 == 0).Order().ToList();
        var networks = keys.Where((_, i) => i % 2 == 1).Order().ToList();
        ports.ShouldBe(Enumerable.Range(1, 32));
        networks.ShouldBe(Enumerable.Range(1, 32));
        (await Store.AllocateKeyAsync(KeySpaces.Router)).ShouldBe(1);
    }

    [Fact]
    public async Task Snapshot_HoldsEveryObjectAtItsRevision()
    {
        await Store.CreateAsync(Samples.Network("n1"));
        var port = await Store.CreateAsync(Samples.Port("p1"));
        await Store.DeleteAsync<LogicalSwitch>("n1");
        await Store.CreateAsync(Samples.FloatingIp("f1"));

        var snapshot = await Store.GetSnapshotAsync();

        snapshot.Objects.Count.ShouldBe(2);
        snapshot.OfType<LogicalPort>().Single().ShouldBe(port);
        snapshot.Revision.ShouldBe(snapshot.Objects.Max(o => o.Version));
    }

    [Fact]
    public async Task ListAndSnapshot_OfMoreThanOnePage_ReturnEverythingInIdOrder()
    {
        for (var batch = 0; batch < 25; batch++)
        {
            var transaction = new NbTransaction();
            for (var i = 0; i < 100; i++)
            {
                transaction.Create(Samples.Port($"p{(batch * 100) + i:0000}", n: i));
            }
            await Store.CommitAsync(transaction);
        }

        var ports = await Store.ListAsync<LogicalPort>();
        var snapshot = await Store.GetSnapshotAsync();

        ports.Select(p => p.Id).ShouldBe(Enumerable.Range(0, 2500).Select(i => $"p{i:0000}"));
        snapshot.Objects.Count.ShouldBe(2500);
        snapshot.Revision.ShouldBe(ports.Max(p => p.Version));
    }
}
