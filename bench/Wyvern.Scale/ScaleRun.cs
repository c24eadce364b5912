using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Wyvern.Controller;
using Wyvern.Northbound;
using Wyvern.Northbound.Embedded;
using Wyvern.OpenFlow.Channel;
using Wyvern.Testing.Harness;
using FloatingIp = Wyvern.Model.FloatingIp;
using SecurityGroup = Wyvern.Model.SecurityGroup;

namespace Wyvern.Scale;

/// <summary>
/// One run of the scale benchmark (issue 7, "Performance"): a real chassis
/// (ovs-vswitchd --enable-dummy in its own namespace), the controller
/// in-process on the embedded store, every VM port plugged as a
/// <c>type=dummy</c> interface before the clock starts; then the whole model
/// in one store transaction, timed until the switch acknowledged the last
/// flow; then single changes at that scale: port creations, floating IP
/// associations, security group rule additions, each until the switch has it.
/// </summary>
public static class ScaleRun
{
    private const int PlugBatch = 250;

    /// <summary>The pause before each single change: 100 ms, or <c>WYVERN_CHANGE_SPACING_MS</c>.</summary>
    private static readonly TimeSpan ChangeSpacing = TimeSpan.FromMilliseconds(EnvironmentInt("WYVERN_CHANGE_SPACING_MS") ?? 100);
    private static readonly TimeSpan VsctlTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan SyncTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Runs the benchmark for routers × networks × ports; progress goes to <paramref name="log"/>.</summary>
    public static async Task<ScaleResult> RunAsync(int routers, int networksPerRouter, int portsPerNetwork, int changes, OpenFlowChannelOptions channel, TextWriter log)
    {
        HostRequirements.EnsureRealOvs();
        await using var lab = new Lab();
        using var loggers = LoggerFactory.Create(b => b
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ")
            .SetMinimumLevel(LogLevel.Information));
        var ch = await lab.AddChassisAsync(new ChassisOptions { CreateIntegrationBridge = false, EnableDummy = true });
        var storePath = Path.Combine(ch.RunDir, "nb.db");
        var store = lab.Own(EmbeddedNbStore.Open(storePath));
        var options = new ControllerOptions
        {
            ChassisName = ch.SystemId,
            OvsdbEndpoint = "unix:" + ch.DbSocket,
            DatapathType = "netdev",
            OpenFlowListen = "unix:" + ch.ControllerSocketPath,
            TunnelTypes = [],
            BridgeMappings = new Dictionary<string, string> { [ScaleModel.PhysicalNetwork] = "br-ex" },
            SwitchChannel = channel,
        };
        options = options with
        {
            BulkInstallConnections = EnvironmentInt("WYVERN_BULK_CONNECTIONS") ?? options.BulkInstallConnections,
            MaxFlowModsPerBundle = EnvironmentInt("WYVERN_MAX_BUNDLE") ?? options.MaxFlowModsPerBundle,
        };
        var controller = lab.Own(new ChassisController(store, options, loggers.CreateLogger("controller")));
        await controller.StartAsync();
        await controller.WaitSyncedAsync(0).WaitAsync(TimeSpan.FromSeconds(60));

        var model = new ScaleModel(routers, networksPerRouter, portsPerNetwork, ch.SystemId, spareFloatingIps: changes);
        var extras = Enumerable.Range(0, changes).Select(model.ExtraPort).ToList();
        var plugClock = Stopwatch.StartNew();
        await PlugAsync(ch, [.. model.PortIds, .. extras.Select(p => p.Id)]);
        log.WriteLine($"plugged {model.Ports + changes} dummy interfaces in {plugClock.Elapsed.TotalSeconds:F1} s");
        // The binding monitor posts the new ofports to the controller as OVSDB
        // updates; let them drain (every interface seen, then a moment for the
        // loop to compile them) so the timed part does not include them.
        // A busy ovs-vswitchd (reconfiguring thousands of ports) may have been
        // silent long enough for the controller to drop its session: wait until
        // it is connected and in sync again.
        var drain = Stopwatch.StartNew();
        while (controller.Status.LocalVmPorts < model.Ports + changes)
        {
            if (drain.Elapsed > SyncTimeout)
            {
                throw new TimeoutException($"the controller saw {controller.Status.LocalVmPorts} of {model.Ports + changes} plugged interfaces");
            }
            await Task.Delay(100);
        }
        log.WriteLine($"the controller saw every plugged interface {drain.Elapsed.TotalSeconds:F1} s after the last had an ofport");
        await Task.Delay(TimeSpan.FromSeconds(1));
        await controller.WaitSyncedAsync(0).WaitAsync(SyncTimeout);

        var txn = model.Build();
        var plugPeak = PeakResident.Read();
        log.WriteLine($"peak working set before the timed part (the plug): {plugPeak / 1048576.0:F0} MB");
        PeakResident.Reset();
        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var switchCpuBefore = ProcessCpu.Seconds(ch.VswitchdPid);
        var flowModsBefore = controller.Status.FlowModsSent;
        var clock = Stopwatch.StartNew();
        using var sampler = new ResidentSampler(TimeSpan.FromMilliseconds(200), clock);
        var revision = (await store.CommitAsync(txn)).Revision;
        // The benchmark's copy of the model is not the controller's memory (the store hands the
        // controller its own, versioned copies): let it go before the install is measured.
        txn = null;
        var write = clock.Elapsed;
        log.WriteLine($"{DateTime.Now:HH:mm:ss.fff} model committed in {write.TotalMilliseconds:F0} ms");
        await controller.WaitSyncedAsync(revision).WaitAsync(SyncTimeout);
        var installed = clock.Elapsed;
        var installPeak = PeakResident.Read();
        log.WriteLine($"working set during the install (s: MB): {sampler.Stop()}");
        self.Refresh();
        var cpu = self.TotalProcessorTime - cpuBefore;
        var switchCpu = ProcessCpu.Seconds(ch.VswitchdPid) - switchCpuBefore;
        var flowMods = controller.Status.FlowModsSent - flowModsBefore;
        log.WriteLine($"model written in {write.TotalSeconds:F2} s, installed {installed.TotalSeconds:F2} s after the write started");

        var heapInUse = GC.GetTotalMemory(forceFullCollection: false);
        var workingSet = self.WorkingSet64;
        var switchFlows = await CountSwitchFlowsAsync(ch);
        var desired = controller.Status.DesiredFlows;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var liveHeap = GC.GetTotalMemory(forceFullCollection: true);

        var switchRss = ProcessMemory.ResidentBytes(ch.VswitchdPid);
        var ovsdbRss = ProcessMemory.ResidentBytes(ch.OvsdbServerPid);

        // WYVERN_SETTLE_SECONDS: a pause between the install and the single changes, to tell
        // the switch's (and the controller's) after-install work from the steady state.
        if (EnvironmentInt("WYVERN_SETTLE_SECONDS") is { } settle)
        {
            log.WriteLine($"settling {settle} s before the single changes");
            await Task.Delay(TimeSpan.FromSeconds(settle));
        }
        var latencies = new List<double>();
        var pauseBefore = GC.GetTotalPauseDuration();
        var collectionsBefore = GC.CollectionCount(0);
        foreach (var port in extras)
        {
            latencies.Add(await TimeChangeAsync(store, controller, () => Task.FromResult(new NbTransaction().Create(port))));
        }
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"GC during the {extras.Count} port creates: {GC.CollectionCount(0) - collectionsBefore} collections, {(GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds:F1} ms paused"));
        var fipLatencies = new List<double>();
        var ruleLatencies = new List<double>();
        for (var i = 0; i < changes; i++)
        {
            var n = i;
            fipLatencies.Add(await TimeChangeAsync(store, controller, async () =>
                new NbTransaction().Update(model.Associate(
                    await store.GetAsync<FloatingIp>(ScaleModel.SpareFloatingIpId(n)) ?? throw new InvalidOperationException("spare floating IP missing"), n))));
            ruleLatencies.Add(await TimeChangeAsync(store, controller, async () =>
            {
                var group = await store.GetAsync<SecurityGroup>(ScaleModel.DefaultSecurityGroupId) ?? throw new InvalidOperationException("default security group missing");
                return new NbTransaction().Update(group with { Rules = [.. group.Rules, ScaleModel.ExtraRule(n)] });
            }));
        }
        var flowsAfterChanges = await CountSwitchFlowsAsync(ch);
        var roundTrips = await TimeSwitchRoundTripsAsync(ch, changes, channel);
        var gcInfo = GC.GetGCMemoryInfo();
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"at the end: {ProcessMemory.StatusLine("RssAnon")}, {ProcessMemory.StatusLine("RssFile")}, {ProcessMemory.StatusLine("RssShmem")}; GC heap {gcInfo.HeapSizeBytes / 1048576.0:F0} MB, committed {gcInfo.TotalCommittedBytes / 1048576.0:F0} MB"));
        self.Refresh();
        var wholeRunPeak = Math.Max(plugPeak, self.PeakWorkingSet64); // VmHWM: reset before the write
        var flowsBeforeRestart = await CountSwitchFlowsAsync(ch);
        var lastRevision = controller.Status.Revision;
        // The first controller stops, and neither the lab nor this method holds it any more: what
        // it held is collected before the restart is measured.
        await lab.DisposeNowAsync(controller);
        controller = null!;
        var (restart, restarted) = await TimeRestartAsync(lab, store, options, loggers.CreateLogger("restarted"), lastRevision, model.Ports + changes, log);
        var flowsAfterRestart = await CountSwitchFlowsAsync(ch);
        if (flowsAfterRestart != flowsBeforeRestart)
        {
            throw new InvalidOperationException($"the restarted controller left {flowsAfterRestart} flows on the switch, not {flowsBeforeRestart}");
        }
        // Once more as a fresh `wyvern controller` process: its own memory, without the benchmark's.
        // The embedded store belongs to one process at a time: the benchmark hands it over.
        await lab.DisposeNowAsync(restarted);
        await lab.DisposeNowAsync(store);
        var processRestart = await ProcessRestart.RunAsync(ch, storePath, ScaleModel.PhysicalNetwork, log);
        flowsAfterRestart = await CountSwitchFlowsAsync(ch);
        if (flowsAfterRestart != flowsBeforeRestart)
        {
            throw new InvalidOperationException($"the wyvern controller process left {flowsAfterRestart} flows on the switch, not {flowsBeforeRestart}");
        }
        return new ScaleResult
        {
            Routers = routers,
            Networks = model.Networks,
            Ports = model.Ports,
            Write = write,
            Installed = installed,
            CpuSeconds = cpu.TotalSeconds,
            SwitchCpuSeconds = switchCpu,
            FlowModsSent = flowMods,
            DesiredFlows = desired,
            SwitchFlows = switchFlows,
            WorkingSetBytes = workingSet,
            PeakWorkingSetBytes = wholeRunPeak,
            InstallPeakBytes = installPeak,
            EndWorkingSetBytes = self.WorkingSet64,
            GcHeapBytes = heapInUse,
            LiveHeapBytes = liveHeap,
            ChangeLatenciesMs = latencies,
            FloatingIpLatenciesMs = fipLatencies,
            RuleLatenciesMs = ruleLatencies,
            SwitchRoundTripsMs = roundTrips,
            SwitchResidentBytes = switchRss,
            OvsdbResidentBytes = ovsdbRss,
            SwitchFlowsAfterChanges = flowsAfterChanges,
            Restart = restart,
            ProcessRestart = processRestart,
        };
    }

    /// <summary>
    /// A controller restart at scale (the first controller has stopped): a new one on the same
    /// store and switch reads every interface, compiles the whole model, dumps the switch's flows
    /// and keeps what is still desired (issue 7: a restart must not drop established traffic, so
    /// nothing is flushed). Timed from the new controller's start until it is in sync with the
    /// store's last revision; that includes ovs-vswitchd's reconnect back-off (1 s, then 2 s, ...)
    /// after it lost the first controller. Its peak working set is read as the install's is
    /// (VmHWM, reset once the first controller's memory has been collected), so it also holds the
    /// store and the benchmark.
    /// </summary>
    private static async Task<(RestartFigures Figures, ChassisController Controller)> TimeRestartAsync(
        Lab lab, EmbeddedNbStore store, ControllerOptions options, ILogger logger, long revision, int localPorts, TextWriter log)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        using var self = Process.GetCurrentProcess();
        var before = self.WorkingSet64;
        PeakResident.Reset();
        var clock = Stopwatch.StartNew();
        using var sampler = new ResidentSampler(TimeSpan.FromMilliseconds(200), clock);
        var second = lab.Own(new ChassisController(store, options, logger));
        await second.StartAsync();
        await second.WaitSyncedAsync(revision).WaitAsync(SyncTimeout);
        var elapsed = clock.Elapsed;
        var peak = PeakResident.Read();
        log.WriteLine($"working set during the restart (s: MB): {sampler.Stop()}");
        if (second.Status.LocalVmPorts < localPorts)
        {
            throw new InvalidOperationException($"the restarted controller was in sync with {second.Status.LocalVmPorts} of {localPorts} local ports");
        }
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"restart: in sync {elapsed.TotalSeconds:F2} s after the new controller started, {second.Status.FlowModsSent} flow mods, working set {before / 1048576.0:F0} MB before, peak {peak / 1048576.0:F0} MB"));
        return (new RestartFigures(elapsed, before, peak, second.Status.FlowModsSent), second);
    }

    /// <summary>
    /// One single change at scale: the transaction <paramref name="change"/> builds
    /// (reads included, as an API call would make them) and commits, until the switch
    /// acknowledged every flow of its revision. Milliseconds.
    /// </summary>
    private static async Task<double> TimeChangeAsync(EmbeddedNbStore store, ChassisController controller, Func<Task<NbTransaction>> change)
    {
        await Task.Delay(ChangeSpacing);
        var one = Stopwatch.StartNew();
        var revision = (await store.CommitAsync(await change())).Revision;
        await controller.WaitSyncedAsync(revision).WaitAsync(SyncTimeout);
        return one.Elapsed.TotalMilliseconds;
    }

    /// <summary>
    /// Adds one <c>type=dummy</c> interface per port id to br-int, a few hundred
    /// per <c>ovs-vsctl</c> call, and waits until every one has an ofport.
    /// </summary>
    private static async Task PlugAsync(Chassis ch, IReadOnlyList<string> portIds)
    {
        for (var start = 0; start < portIds.Count; start += PlugBatch)
        {
            var args = new List<string> { "--no-wait" };
            for (var n = start; n < Math.Min(start + PlugBatch, portIds.Count); n++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"{TestRun.Prefix}-{n:x}");
                args.AddRange(["--", "add-port", Chassis.IntegrationBridge, name,
                    "--", "set", "Interface", name, "type=dummy", $"external_ids:iface-id={portIds[n]}"]);
            }
            // Not Chassis.VsctlAsync: its 10 s timeout is too short for ovs-vsctl on a bridge with thousands of ports on a loaded machine.
            (await Shell.RunAsync("ovs-vsctl", [$"--timeout={VsctlTimeout.TotalSeconds}", $"--db=unix:{ch.DbSocket}", .. args], VsctlTimeout + TimeSpan.FromSeconds(10)))
                .EnsureSuccess();
        }
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        while (true)
        {
            var ofports = (await Shell.RunAsync("ovs-vsctl", ["--timeout=60", $"--db=unix:{ch.DbSocket}", "--no-wait", "--format=csv", "--no-headings", "--columns=ofport", "find", "Interface", "type=dummy"],
                TimeSpan.FromSeconds(70))).EnsureSuccess().Stdout;
            var ready = ofports.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Count(l => int.TryParse(l.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) && p > 0);
            if (ready >= portIds.Count)
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"only {ready} of {portIds.Count} dummy interfaces got an ofport");
            }
            await Task.Delay(500);
        }
    }

    /// <summary>
    /// <paramref name="count"/> barrier round trips on a service connection of our own to the
    /// bridge (nothing else in flight), 100 ms apart as the single changes are: ms.
    /// </summary>
    private static async Task<List<double>> TimeSwitchRoundTripsAsync(Chassis ch, int count, OpenFlowChannelOptions channel)
    {
        await using var session = await SwitchConnector.ConnectAsync("unix:" + Path.Combine(ch.RunDir, Chassis.IntegrationBridge + ".mgmt"), channel);
        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            await Task.Delay(100);
            var one = Stopwatch.StartNew();
            await session.BarrierAsync();
            times.Add(one.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    /// <summary>An integer from the environment (the bulk-install knobs, see bench/scale/run.sh), or null.</summary>
    private static int? EnvironmentInt(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : null;

    /// <summary>
    /// The number of flows on br-int (all tables), from <c>ovs-ofctl dump-aggregate</c>: the
    /// switch counts them, so the benchmark process does not hold a dump of 140,000 flows as
    /// text (~100 MB of strings at 10,000 ports) in the memory it measures.
    /// </summary>
    private static async Task<int> CountSwitchFlowsAsync(Chassis ch)
    {
        // "OFPST_AGGREGATE reply (OF1.3) (xid=0x2): packet_count=0 byte_count=0 flow_count=141412"
        var reply = await ch.OfctlAsync("dump-aggregate", Chassis.IntegrationBridge);
        var at = reply.IndexOf("flow_count=", StringComparison.Ordinal);
        var digits = at < 0 ? "" : new string(reply.AsSpan(at + "flow_count=".Length).ToArray().TakeWhile(char.IsAsciiDigit).ToArray());
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : throw new InvalidOperationException($"no flow_count in: {reply.Trim()}");
    }
}
