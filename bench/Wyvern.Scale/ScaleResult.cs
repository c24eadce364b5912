using System.Globalization;

namespace Wyvern.Scale;

/// <summary>The figures of one scale run.</summary>
public sealed record ScaleResult
{
    /// <summary>Routers in the model.</summary>
    public required int Routers { get; init; }

    /// <summary>Networks in the model.</summary>
    public required int Networks { get; init; }

    /// <summary>VM ports in the bulk model.</summary>
    public required int Ports { get; init; }

    /// <summary>The store commit of the whole model.</summary>
    public required TimeSpan Write { get; init; }

    /// <summary>From the start of the write until the switch acknowledged every flow of that revision.</summary>
    public required TimeSpan Installed { get; init; }

    /// <summary>Process CPU time spent during the timed part (store, controller and benchmark, all in this process).</summary>
    public required double CpuSeconds { get; init; }

    /// <summary>ovs-vswitchd CPU time during the timed part, or null when /proc could not be read.</summary>
    public required double? SwitchCpuSeconds { get; init; }

    /// <summary>Flow mods the switch acknowledged during the timed part (more than the flows: a session was lost and the bundle resent).</summary>
    public required long FlowModsSent { get; init; }

    /// <summary>The controller's desired flows.</summary>
    public required int DesiredFlows { get; init; }

    /// <summary>Flows on br-int, from ovs-ofctl.</summary>
    public required int SwitchFlows { get; init; }

    /// <summary>Process working set after the sync.</summary>
    public required long WorkingSetBytes { get; init; }

    /// <summary>Peak working set of the process over the whole run.</summary>
    public required long PeakWorkingSetBytes { get; init; }

    /// <summary>Peak working set from the store write until the switch had every flow (<see cref="PeakResident"/>).</summary>
    public required long InstallPeakBytes { get; init; }

    /// <summary>Working set at the end, after the single changes (steady state: the bulk install's memory returned).</summary>
    public required long EndWorkingSetBytes { get; init; }

    /// <summary>Managed bytes allocated and not yet collected after the sync (before a forced collection).</summary>
    public required long GcHeapBytes { get; init; }

    /// <summary>Live managed bytes after a forced full collection.</summary>
    public required long LiveHeapBytes { get; init; }

    /// <summary>Port-create → synced latencies, in milliseconds.</summary>
    public required IReadOnlyList<double> ChangeLatenciesMs { get; init; }

    /// <summary>Floating IP associate → synced latencies, in milliseconds.</summary>
    public IReadOnlyList<double> FloatingIpLatenciesMs { get; init; } = [];

    /// <summary>Security group rule add → synced latencies, in milliseconds.</summary>
    public IReadOnlyList<double> RuleLatenciesMs { get; init; } = [];

    /// <summary>
    /// Barrier round trips to the switch at that scale, ms, on a connection of their own: the
    /// floor of any single change (one pass of ovs-vswitchd's main loop, which with a userspace
    /// datapath polls every port before it reads OpenFlow).
    /// </summary>
    public IReadOnlyList<double> SwitchRoundTripsMs { get; init; } = [];

    /// <summary>ovs-vswitchd resident memory after the sync, or null when /proc could not be read.</summary>
    public long? SwitchResidentBytes { get; init; }

    /// <summary>The chassis ovsdb-server's resident memory after the sync, or null when /proc could not be read.</summary>
    public long? OvsdbResidentBytes { get; init; }

    /// <summary>Flows on br-int after the single changes.</summary>
    public int SwitchFlowsAfterChanges { get; init; }

    /// <summary>The controller restart at the end of the run, in the benchmark process.</summary>
    public RestartFigures Restart { get; init; } = new(TimeSpan.Zero, 0, 0, 0);

    /// <summary>The restart again, as a fresh <c>wyvern controller</c> process (ProcessRestart).</summary>
    public RestartFigures ProcessRestart { get; init; } = new(TimeSpan.Zero, 0, 0, 0);

    /// <summary>The median of <see cref="ChangeLatenciesMs"/>.</summary>
    public double ChangeMedianMs => Percentile(ChangeLatenciesMs, 0.5);

    /// <summary>The 95th percentile (nearest rank) of <see cref="ChangeLatenciesMs"/>.</summary>
    public double ChangeP95Ms => Percentile(ChangeLatenciesMs, 0.95);

    /// <summary>
    /// These figures as <c>key=value</c> lines, the keys bench/scale/ovn.sh prints for
    /// OVN, so bench/scale/compare.sh can put the two side by side.
    /// </summary>
    public string ToKeyValues() => string.Join('\n',
        "system=wyvern",
        Kv($"ports={Ports} routers={Routers} networks={Networks}"),
        Kv($"write_s={Write.TotalSeconds:F3}"),
        Kv($"installed_s={Installed.TotalSeconds:F3}"),
        Kv($"cpu_bench={CpuSeconds:F1}"),
        Kv($"cpu_vswitchd={SwitchCpuSeconds:F1}"),
        Kv($"rss_bench={WorkingSetBytes / 1048576.0:F0}"),
        Kv($"rss_bench_peak={PeakWorkingSetBytes / 1048576.0:F0}"),
        Kv($"rss_bench_install_peak={InstallPeakBytes / 1048576.0:F0}"),
        Kv($"rss_bench_end={EndWorkingSetBytes / 1048576.0:F0}"),
        Kv($"rss_vswitchd={SwitchResidentBytes / 1048576.0:F0}"),
        Kv($"rss_ovsdb={OvsdbResidentBytes / 1048576.0:F0}"),
        Kv($"flows={SwitchFlows}"),
        Kv($"port_create_ms={ChangeMedianMs:F1}"),
        Kv($"fip_associate_ms={Percentile(FloatingIpLatenciesMs, 0.5):F1}"),
        Kv($"sg_rule_add_ms={Percentile(RuleLatenciesMs, 0.5):F1}"),
        Kv($"switch_rtt_ms={Percentile(SwitchRoundTripsMs, 0.5):F1}"),
        Kv($"changes={ChangeLatenciesMs.Count}"),
        Kv($"flows_after_changes={SwitchFlowsAfterChanges}"),
        Kv($"restart_s={Restart.InSync.TotalSeconds:F2}"),
        Kv($"rss_bench_restart_peak={Restart.PeakBytes / 1048576.0:F0}"),
        Kv($"restart_flow_mods={Restart.FlowMods}"),
        Kv($"process_restart_s={ProcessRestart.InSync.TotalSeconds:F2}"),
        Kv($"rss_controller_process_restart_peak={ProcessRestart.PeakBytes / 1048576.0:F0}"),
        Kv($"process_restart_flow_mods={ProcessRestart.FlowMods}"));

    /// <summary>Header of <see cref="ToMarkdownRow"/>.</summary>
    public static string MarkdownHeader =>
        "| ports (R×S×50) | store write | write done → installed | total | CPU s: bench process / ovs-vswitchd | flow mods acked | flows (switch / desired) | flows per port | working set: installed / end (peak: install / whole run) | managed heap / live after full GC | one port: median / p95 (n) | switch round trip: median | restart: in sync / peak working set / flow mods | restart as a `wyvern controller` process: resynced / peak RSS / flow mods |\n" +
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    /// <summary>One table row of these figures.</summary>
    public string ToMarkdownRow() => string.Create(CultureInfo.InvariantCulture,
        $"| {Ports:N0} ({Routers}×{Networks / Routers}×{Ports / Networks}) | {Write.TotalSeconds:F2} s | {(Installed - Write).TotalSeconds:F2} s | {Installed.TotalSeconds:F2} s | {CpuSeconds:F1} / {SwitchCpuSeconds:F1} | {FlowModsSent:N0} | " +
        $"{SwitchFlows:N0} / {DesiredFlows:N0} | {(double)SwitchFlows / Ports:F1} | {Mb(WorkingSetBytes)} / {Mb(EndWorkingSetBytes)} ({Mb(InstallPeakBytes)} / {Mb(PeakWorkingSetBytes)}) | " +
        $"{Mb(GcHeapBytes)} / {Mb(LiveHeapBytes)} | {ChangeMedianMs:F1} / {ChangeP95Ms:F1} ms ({ChangeLatenciesMs.Count}) | {Percentile(SwitchRoundTripsMs, 0.5):F1} ms | {Restart.InSync.TotalSeconds:F2} s / {Mb(Restart.PeakBytes)} / {Restart.FlowMods:N0} | {ProcessRestart.InSync.TotalSeconds:F2} s / {Mb(ProcessRestart.PeakBytes)} / {ProcessRestart.FlowMods:N0} |");

    private static string Kv(FormattableString line) => line.ToString(CultureInfo.InvariantCulture);

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:F0} MB");

    private static double Percentile(IReadOnlyList<double> latencies, double q)
    {
        if (latencies.Count == 0)
        {
            return double.NaN;
        }
        var sorted = latencies.Order().ToList();
        var rank = (int)Math.Ceiling(q * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
