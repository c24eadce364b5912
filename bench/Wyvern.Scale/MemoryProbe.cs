using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.CompilerServices;
using Wyvern.Controller.Engine;
using Wyvern.Controller.Reconciler;
using Wyvern.OpenFlow.Messages;
using Wyvern.Ovsdb;
using Wyvern.Ovsdb.Binding;
using Wyvern.Ovsdb.Rpc;
using Wyvern.Ovsdb.Transactions;
using Wyvern.Ovsdb.Values;
using Wyvern.Pipeline;

namespace Wyvern.Scale;

/// <summary>
/// The controller's big memory items at scale, each measured in-process as the growth of the
/// live heap (after a full collection) while it is held: the desired-flow table of the scale
/// model with every port bound (no switch), the reconciler's installed set after a restart
/// (the switch's dump decoded from the wire and recorded against the desired table, then diffed), and the
/// OVSDB binding monitor against a private ovsdb-server holding one Interface per port (inserted
/// in one transaction, with ofports and states as ovs-vswitchd writes them). Minutes faster
/// than the full scale run, which spends most of its time plugging dummy interfaces.
/// </summary>
public static class MemoryProbe
{
    private const string Schema = "/usr/share/openvswitch/vswitch.ovsschema";

    // WYVERN_PROBE_NO_GC=1: no forced collections, so the working set at the end is what the
    // runtime's own collections (and its GC settings) leave; the per-item figures read 0.
    private static readonly bool Measure = Environment.GetEnvironmentVariable("WYVERN_PROBE_NO_GC") is not "1";

    /// <summary>Runs the probe for routers × networks × ports; one line per item on <paramref name="output"/>.</summary>
    public static async Task RunAsync(int routers, int networksPerRouter, int portsPerNetwork, TextWriter output)
    {
        const string chassis = "probe-chassis";
        var model = new ScaleModel(routers, networksPerRouter, portsPerNetwork, chassis);
        var baseline = LiveHeap();

        var engine = new FlowEngine(new ChassisState(chassis), FlowEngine.DefaultApps());
        BuildDesired(engine, model);
        var desired = LiveHeap() - baseline;
        output.WriteLine(Line("desired-flow table", engine.Desired.Count, "flows", desired));

        var reconciler = Restart(engine.Desired);
        var installed = LiveHeap() - baseline - desired;
        output.WriteLine(Line("reconciler installed after a restart", reconciler.Installed.Count, "flows", installed));

        await using var server = await OvsdbServer.StartAsync();
        await server.InsertInterfacesAsync(model.Ports);
        var before = LiveHeap();
        await using var client = await OvsdbClient.ConnectAsync(OvsdbEndpoint.Unix(server.SocketPath));
        await using var binding = await LocalPortBindingMonitor.StartAsync(client);
        while (binding.Batches.TryRead(out _))
        {
            // The controller reads the batches; queued, they would hold views and events.
        }
        var monitor = LiveHeap() - before;
        output.WriteLine(Line("binding monitor", binding.View.Ports.Count, "ready interfaces", monitor));
        if (Environment.GetEnvironmentVariable("WYVERN_PROBE_PAUSE") is { Length: > 0 } pause)
        {
            output.WriteLine($"pid {Environment.ProcessId}: paused {pause} s (dotnet-gcdump collect -p {Environment.ProcessId})");
            await output.FlushAsync();
            await Task.Delay(TimeSpan.FromSeconds(int.Parse(pause, CultureInfo.InvariantCulture)));
        }
        // All three held at once, as in the controller; a moment idle, as in steady state.
        await Task.Delay(TimeSpan.FromSeconds(3));
        using var self = Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"process: working set {self.WorkingSet64 / 1e6:F0} MB, peak {self.PeakWorkingSet64 / 1e6:F0} MB, GC heap {gc.HeapSizeBytes / 1e6:F0} MB, committed {gc.TotalCommittedBytes / 1e6:F0} MB ({(GCSettings.IsServerGC ? "server" : "workstation")}, {(GCSettings.LatencyMode == GCLatencyMode.Batch ? "non-concurrent" : "concurrent")}, conserve {AppContext.GetData("System.GC.ConserveMemory") ?? Environment.GetEnvironmentVariable("DOTNET_GCConserveMemory") ?? "0"}), {GC.CollectionCount(2)} gen2 collections"));
        GC.KeepAlive(engine);
        GC.KeepAlive(reconciler);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void BuildDesired(FlowEngine engine, ScaleModel model)
    {
        var n = 0;
        foreach (var id in model.PortIds)
        {
            engine.HandleLocalBinding(id, ++n);
        }
        engine.HandleProviderPort(ScaleModel.PhysicalNetwork, n + 1);
        foreach (var op in model.Build().Operations)
        {
            engine.HandleUpsert(op.Value ?? throw new InvalidOperationException($"operation without a value: {op}"));
        }
        engine.Desired.TakeDirty(); // As the controller does when it diffs against the switch.
    }

    // A restarted controller: it records the switch's dump (each flow decoded), then diffs. Its
    // own method, so that what the dump decoded is garbage when it returns.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static FlowReconciler Restart(DesiredFlowTable desired)
    {
        // Flow by flow against the desired table, as the controller records a dump (AttachSwitchAsync).
        var reconciler = new FlowReconciler();
        reconciler.ResetInstalled(desired.All.Select(RoundTrip), desired);
        reconciler.Acknowledge(reconciler.FullDiff(desired));
        return reconciler;
    }

    // A flow as a restarted controller reads it back from the switch: encoded, decoded.
    private static FlowStats RoundTrip(FlowSpec spec)
    {
        var mod = (FlowMod)OfpMessageDecoder.Decode(FlowMods.Add(spec).ToArray());
        return new FlowStats { TableId = mod.TableId, Priority = mod.Priority, Cookie = mod.Cookie, Match = mod.Match, Instructions = mod.Instructions };
    }

    // The bytes of the objects held: after a full compacting collection (the large-object heap
    // too, so the holes big transient buffers left do not count), the heap less its free space.
    private static long LiveHeap()
    {
        if (!Measure)
        {
            return 0;
        }

        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        return info.HeapSizeBytes - info.FragmentedBytes;
    }

    private static string Line(string item, int count, string unit, long bytes) => string.Create(CultureInfo.InvariantCulture,
        $"{item}: {count:N0} {unit}, {bytes / 1e6:F1} MB live ({(count == 0 ? 0 : bytes / count):N0} B each)");

    /// <summary>A private ovsdb-server (our child, killed by pid) on a fresh database in /tmp.</summary>
    private sealed class OvsdbServer : IAsyncDisposable
    {
        private readonly string _dir;
        private readonly Process _process;

        private OvsdbServer(string dir, Process process)
        {
            _dir = dir;
            _process = process;
        }

        public string SocketPath => Path.Combine(_dir, "db.sock");

        public static async Task<OvsdbServer> StartAsync()
        {
            var dir = Directory.CreateTempSubdirectory("wy-memprobe-").FullName;
            using (var create = Process.Start("ovsdb-tool", ["create", Path.Combine(dir, "conf.db"), Schema]))
            {
                await create.WaitForExitAsync();
            }
            var process = Process.Start("ovsdb-server",
                [Path.Combine(dir, "conf.db"), "--remote=punix:" + Path.Combine(dir, "db.sock"), "--unixctl=" + Path.Combine(dir, "ctl"), "--no-chdir", "-vconsole:off"]);
            var server = new OvsdbServer(dir, process);
            for (var i = 0; i < 200 && !File.Exists(server.SocketPath); i++)
            {
                await Task.Delay(25);
            }
            return server;
        }

        /// <summary>br-int with one Port and one ready Interface per VM port, in one transaction.</summary>
        public async Task InsertInterfacesAsync(int count)
        {
            await using var client = await OvsdbClient.ConnectAsync(OvsdbEndpoint.Unix(SocketPath));
            var ops = new List<OvsdbOperation>();
            var ports = new List<OvsdbAtom>();
            for (var n = 0; n < count; n++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"probe-{n:x}");
                ops.Add(OvsdbOperation.Insert("Interface", new Dictionary<string, OvsdbValue>
                {
                    ["name"] = name,
                    ["type"] = "dummy",
                    ["ofport"] = n + 1,
                    ["admin_state"] = "up",
                    ["link_state"] = "up",
                    ["mac_in_use"] = string.Create(CultureInfo.InvariantCulture, $"aa:55:aa:55:{n >> 8 & 0xff:x2}:{n & 0xff:x2}"),
                    ["external_ids"] = OvsdbValue.StringMap([KeyValuePair.Create("iface-id", ScaleModel.PortId(n))]),
                }, "i" + n));
                ops.Add(OvsdbOperation.Insert("Port", new Dictionary<string, OvsdbValue>
                {
                    ["name"] = name,
                    ["interfaces"] = OvsdbAtom.NamedUuid("i" + n),
                }, "p" + n));
                ports.Add(OvsdbAtom.NamedUuid("p" + n));
            }
            ops.Add(OvsdbOperation.Insert("Bridge", new Dictionary<string, OvsdbValue> { ["name"] = "br-int", ["ports"] = OvsdbValue.Set(ports) }, "br"));
            // Only the root table's rows survive on their own (ovsdb(7) "garbage collection").
            ops.Add(OvsdbOperation.Insert("Open_vSwitch", new Dictionary<string, OvsdbValue> { ["bridges"] = OvsdbAtom.NamedUuid("br") }));
            await client.TransactAsync("Open_vSwitch", ops);
        }

        public ValueTask DisposeAsync()
        {
            _process.Kill();
            _process.WaitForExit();
            _process.Dispose();
            Directory.Delete(_dir, recursive: true);
            return ValueTask.CompletedTask;
        }
    }
}
