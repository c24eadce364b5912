using System.Diagnostics;
using System.Globalization;
using Wyvern.Model;
using Wyvern.Northbound.Embedded;

using Wyvern.Testing.Etcd;

namespace Wyvern.Northbound.Tests;

/// <summary>The embedded store across restarts and crashes (a child writer killed with SIGKILL).</summary>
[Trait("Layer", "Ovs")]
public sealed class EmbeddedNbStoreDurabilityTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string Database => _dir.File("nb.db");

    [Fact]
    public async Task Reopen_KeepsObjectsRevisionKeysHistoryAndLeases()
    {
        NbSnapshot before;
        long leaseId;
        await using (var store = EmbeddedNbStore.Open(Database))
        {
            await store.CreateAsync(Samples.Network("n1"));
            var port = await store.CreateAsync(Samples.Port("p1"));
            await store.UpdateAsync(port with { DeviceId = "vm" });
            (await store.AllocateKeyAsync(KeySpaces.Port)).ShouldBe(1);
            leaseId = (await store.GrantLeaseAsync(TimeSpan.FromSeconds(1))).Id;
            await store.CreateAsync(Samples.Chassis("ch1"), leaseId);
            before = await store.GetSnapshotAsync();
        }

        await using (var store = EmbeddedNbStore.Open(Database))
        {
            var after = await store.GetSnapshotAsync();
            after.Revision.ShouldBe(before.Revision);
            after.Objects.ShouldBe(before.Objects);
            (await store.AllocateKeyAsync(KeySpaces.Port)).ShouldBe(2);
            var history = await store.WatchAsync(0).TakeAsync(4);
            history.Flatten().Select(c => c.Id).ShouldBe(["n1", "p1", "p1", "ch1"]);

            // the lease got a fresh TTL at open and, not renewed, expires
            (await store.KeepAliveAsync(leaseId)).ShouldBeTrue();
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (await store.GetAsync<Chassis>("ch1") is not null && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            (await store.GetAsync<Chassis>("ch1")).ShouldBeNull();
        }
    }

    [Fact]
    public async Task SecondOpenOfTheSameFile_IsRefusedUntilTheFirstCloses()
    {
        var first = EmbeddedNbStore.Open(Database);

        Should.Throw<NbUnavailableException>(() => EmbeddedNbStore.Open(Database)).Message.ShouldContain("already open");

        await first.DisposeAsync();
        await using var second = EmbeddedNbStore.Open(Database);
        (await second.GetSnapshotAsync()).Objects.ShouldBeEmpty();
    }

    [Fact]
    public async Task KillDash9MidWrite_ThenReopen_NoTornObjectAndEveryAcknowledgedWriteKept()
    {
        var acknowledged = 0;
        for (var round = 0; round < 3; round++)
        {
            acknowledged = await RunWriterAndKillAsync(minimumBatches: acknowledged + 5, extraMilliseconds: 7 * round);

            await using var store = EmbeddedNbStore.Open(Database);
            var snapshot = await store.GetSnapshotAsync();
            var counter = snapshot.OfType<LogicalSwitch>().Single();
            var batches = counter.Mtu;
            batches.ShouldBeGreaterThanOrEqualTo(acknowledged);
            var ports = snapshot.OfType<LogicalPort>().ToList();
            ports.Count.ShouldBe(2 * batches);
            foreach (var port in ports)
            {
                port.FixedIps.Count.ShouldBe(400);
                port.Tags.ShouldBe([port.Id.Split('-')[1]]);
                int.Parse(port.Tags[0], CultureInfo.InvariantCulture).ShouldBeLessThanOrEqualTo(batches);
            }
            snapshot.Revision.ShouldBe(snapshot.Objects.Max(o => o.Version));
            acknowledged = batches;
        }
    }

    /// <summary>Starts the writer, waits until it acknowledged <paramref name="minimumBatches"/>, kills it with SIGKILL.</summary>
    private async Task<int> RunWriterAndKillAsync(int minimumBatches, int extraMilliseconds)
    {
        var writer = Path.Combine(AppContext.BaseDirectory, "Wyvern.Northbound.CrashWriter.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(writer);
        info.ArgumentList.Add(Database);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the crash writer");
        var last = 0;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (last < minimumBatches)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException($"crash writer ended: {await process.StandardError.ReadToEndAsync()}");
                last = int.Parse(line["committed ".Length..], CultureInfo.InvariantCulture);
            }
            await Task.Delay(extraMilliseconds);
        }
        finally
        {
            process.Kill(); // SIGKILL, by pid
            await process.WaitForExitAsync();
        }
        return last;
    }

    public void Dispose() => _dir.Dispose();
}
