using System.Diagnostics;
using System.Globalization;
using Wyvern.Testing;
using Wyvern.Testing.Harness;

namespace Wyvern.EndToEnd.Tests.Harness;

/// <summary>The harness leaves nothing behind: not after a test, not after a crashed run.</summary>
[Trait("Layer", Layer.EndToEnd)]
public sealed class CleanupTests
{
    [Fact]
    public async Task Dispose_RemovesEveryNamespaceProcessAndDirectory()
    {
        List<string> namespaces;
        List<int> pids;
        List<string> dirs;
        var lab = new Lab();
        try
        {
            var fabric = await lab.AddFabricAsync();
            var physnet = await lab.AddProviderNetworkAsync();
            var ch = await lab.AddChassisAsync();
            await ch.AttachUnderlayAsync(fabric, Fabric.Address(1));
            await ch.AttachProviderAsync(physnet);
            var vm = await lab.AddVmAsync(ch, "6f000006-0000-4000-8000-000000000006", "fa:16:3e:00:00:31", "10.0.0.31/24");
            var ext = await lab.AddExternalHostAsync(physnet, "fa:16:3e:ee:00:02", "172.24.4.2/24");
            namespaces = [fabric.Netns.Name, physnet.Netns.Name, ch.Netns.Name, vm.Netns.Name, ext.Netns.Name];
            pids = [ch.OvsdbServerPid!.Value, ch.VswitchdPid!.Value];
            dirs = [ch.RunDir, .. namespaces.Select(n => Path.Combine("/etc/netns", n))];
            namespaces.ShouldAllBe(n => Directory.Exists(Path.Combine("/etc/netns", n)));
            pids.ShouldAllBe(p => Processes.IsAlive(p));
        }
        finally
        {
            await lab.DisposeAsync();
        }

        var remaining = await Netns.ListAsync();
        remaining.Intersect(namespaces).ShouldBeEmpty();
        pids.Where(Processes.IsAlive).ShouldBeEmpty();
        dirs.Where(Directory.Exists).ShouldBeEmpty();
    }

    [Fact]
    public async Task Sweep_RemovesLeftoversOfDeadRun_AndKeepsLiveOnes()
    {
        HostRequirements.EnsureRealOvs();
        TestRun.EnsureStarted();
        var dead = await FakeRunAsync(ownerAlive: false);
        var live = await FakeRunAsync(ownerAlive: true);
        try
        {
            var swept = TestRun.SweepDeadRuns();

            swept.ShouldContain(dead.Prefix);
            swept.ShouldNotContain(live.Prefix);
            (await Netns.ListAsync()).ShouldNotContain(dead.Netns);
            (await Netns.ListAsync()).ShouldContain(live.Netns);
            Processes.IsAlive(dead.SleeperPid).ShouldBeFalse();
            Processes.IsAlive(live.SleeperPid).ShouldBeTrue();
            Directory.Exists(dead.Dir).ShouldBeFalse();
            File.Exists(TestRun.OwnerFileOfForTests(dead.Prefix)).ShouldBeFalse();
        }
        finally
        {
            await TestRun.RemoveRunAsync(live.Prefix);
            await TestRun.RemoveRunAsync(dead.Prefix);
            File.Delete(TestRun.OwnerFileOfForTests(live.Prefix));
            File.Delete(TestRun.OwnerFileOfForTests(dead.Prefix));
        }
    }

    private sealed record FakeRun(string Prefix, string Netns, string Dir, int SleeperPid);

    /// <summary>
    /// Builds what a run leaves behind: an owner file, a namespace with a
    /// process in it and a directory with a pidfile. The owner is this
    /// process (alive) or a process that has exited (dead).
    /// </summary>
    private static async Task<FakeRun> FakeRunAsync(bool ownerAlive)
    {
        var prefix = "wy-" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 3));
        int ownerPid;
        if (ownerAlive)
        {
            ownerPid = Environment.ProcessId;
        }
        else
        {
            using var exited = Process.Start("true")!;
            await exited.WaitForExitAsync();
            ownerPid = exited.Id;
        }
        var start = ownerAlive ? Processes.StartTime(ownerPid)?.ToString(CultureInfo.InvariantCulture) : "1";
        await File.WriteAllTextAsync(TestRun.OwnerFileOfForTests(prefix), $"{ownerPid} {start}\n");
        var ns = await Wyvern.Testing.Harness.Netns.CreateAsync(prefix + "-ch1");
        var sleeper = Process.Start("ip", ["netns", "exec", ns.Name, "sleep", "300"]);
        var dir = Path.Combine("/tmp", prefix + "-ch1");
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "sleeper.pid"), sleeper.Id.ToString(CultureInfo.InvariantCulture));
        return new FakeRun(prefix, ns.Name, dir, sleeper.Id);
    }
}
