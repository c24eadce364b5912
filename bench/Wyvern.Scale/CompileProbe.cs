using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Wyvern.Controller.Engine;
using Wyvern.Controller.Reconciler;
using Wyvern.Model;
using Wyvern.Northbound.Embedded;

namespace Wyvern.Scale;

/// <summary>
/// The controller's CPU share of a first install, in-process and without a switch: the
/// scale model written to a fresh embedded store in one transaction, the model with every
/// port bound compiled into a fresh engine (as one store batch
/// would be), the full diff against an empty switch, and every flow mod encoded to bytes.
/// Several rounds, the first with the JIT warming up. A quick loop for profiling
/// (<c>DOTNET_PerfMapEnabled=1 perf record</c>) without the minutes of plugging.
/// </summary>
public static class CompileProbe
{
    private static long PeakWorkingSet()
    {
        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64;
    }

    /// <summary>Runs <paramref name="rounds"/> compiles of routers × networks × ports; one line per round.</summary>
    public static async Task RunAsync(int routers, int networksPerRouter, int portsPerNetwork, int rounds, TextWriter output)
    {
        const string chassis = "probe-chassis";
        var model = new ScaleModel(routers, networksPerRouter, portsPerNetwork, chassis);
        var objects = model.Build().Operations
            .Select(op => op.Value ?? throw new InvalidOperationException($"operation without a value: {op}"))
            .ToList();
        for (var round = 1; round <= rounds; round++)
        {
            var dir = Directory.CreateTempSubdirectory("wy-compileprobe-");
            long revision;
            var transaction = model.Build();
            var storeClock = Stopwatch.StartNew();
            await using (var store = EmbeddedNbStore.Open(Path.Combine(dir.FullName, "nb.db")))
            {
                revision = (await store.CommitAsync(transaction)).Revision;
            }
            var write = storeClock.Elapsed;
            dir.Delete(recursive: true);

            var clock = Stopwatch.StartNew();
            var engine = new FlowEngine(new ChassisState(chassis), FlowEngine.DefaultApps());
            var n = 0;
            foreach (var id in model.PortIds)
            {
                engine.HandleLocalBinding(id, ++n);
            }
            engine.HandleProviderPort(ScaleModel.PhysicalNetwork, n + 1);
            engine.HandleBatch(objects.Select(o => (o.Table, o.Id, (NbObject?)o))); // one store transaction, as the controller applies it
            var compile = clock.Elapsed;

            var reconciler = new FlowReconciler();
            var diff = reconciler.Diff(engine.Desired, engine.Desired.TakeDirty());
            var diffed = clock.Elapsed;

            var buffer = new ArrayBufferWriter<byte>(1 << 20);
            long bytes = 0;
            foreach (var mod in diff.ToFlowMods())
            {
                mod.Encode(buffer, 1);
                bytes += buffer.WrittenCount;
                buffer.ResetWrittenCount();
            }
            var encoded = clock.Elapsed;
            reconciler.Acknowledge(diff);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: store write {write.TotalMilliseconds:F0} ms (revision {revision}), compile {compile.TotalMilliseconds:F0} ms ({engine.Desired.Count:N0} flows), diff {(diffed - compile).TotalMilliseconds:F0} ms ({diff.Count:N0} flow mods), encode {(encoded - diffed).TotalMilliseconds:F0} ms ({bytes / 1e6:F1} MB); allocated so far {GC.GetTotalAllocatedBytes() / 1e6:F0} MB, peak working set {PeakWorkingSet() / 1e6:F0} MB, {GC.CollectionCount(0)} collections"));
            output.WriteLine(TimeRuleAdd(engine, reconciler, objects, round));
        }
    }

    // The controller's share of a rule added to the security group every port is in: the
    // engine's recompute, the diff and the encoding of what changed (the scale run's rule adds).
    private static string TimeRuleAdd(FlowEngine engine, FlowReconciler reconciler, List<NbObject> objects, int round)
    {
        var group = objects.OfType<SecurityGroup>().Single(g => g.Id == ScaleModel.DefaultSecurityGroupId);
        var allocated = GC.GetTotalAllocatedBytes();
        var clock = Stopwatch.StartNew();
        engine.HandleBatch([(group.Table, group.Id, group with { Rules = [.. group.Rules, ScaleModel.ExtraRule(round)] })]);
        var compile = clock.Elapsed;
        var diff = reconciler.Diff(engine.Desired, engine.Desired.TakeDirty());
        var diffed = clock.Elapsed;
        var buffer = new ArrayBufferWriter<byte>(1 << 20);
        foreach (var mod in diff.ToFlowMods())
        {
            mod.Encode(buffer, 1);
            buffer.ResetWrittenCount();
        }
        var encoded = clock.Elapsed;
        reconciler.Acknowledge(diff);
        return string.Create(CultureInfo.InvariantCulture,
            $"  rule add: compile {compile.TotalMilliseconds:F0} ms, diff {(diffed - compile).TotalMilliseconds:F0} ms ({diff.Count:N0} flow mods), encode {(encoded - diffed).TotalMilliseconds:F0} ms; allocated {(GC.GetTotalAllocatedBytes() - allocated) / 1e6:F0} MB");
    }
}
