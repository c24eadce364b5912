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

    /// <summary>Managed bytes allocated and not yet collected after the sync (before a forced collection).</summary>
    public required long GcHeapBytes { get; init; }

    /// <summary>Live managed bytes after a forced full collection.</summary>
    public required long LiveHeapBytes { get; init; }

    /// <summary>Port-create → synced latencies, in milliseconds.</summary>
    public required IReadOnlyList<double> ChangeLatenciesMs { get; init; }

    /// <summary>The median of <see cref="ChangeLatenciesMs"/>.</summary>
    public double ChangeMedianMs => Percentile(0.5);

    /// <summary>The 95th percentile (nearest rank) of <see cref="ChangeLatenciesMs"/>.</summary>
    public double ChangeP95Ms => Percentile(0.95);

    /// <summary>Header of <see cref="ToMarkdownRow"/>.</summary>
    public static string MarkdownHeader =>
        "| ports (R×S×50) | store write | write done → installed | total | CPU s: bench process / ovs-vswitchd | flow mods acked | flows (switch / desired) | flows per port | working set (peak) | managed heap / live after full GC | one port: median / p95 (n) |\n" +
        "|---|---|---|---|---|---|---|---|---|---|---|";

    /// <summary>One table row of these figures.</summary>
    public string ToMarkdownRow() => string.Create(CultureInfo.InvariantCulture,
        $"| {Ports:N0} ({Routers}×{Networks / Routers}×{Ports / Networks}) | {Write.TotalSeconds:F2} s | {(Installed - Write).TotalSeconds:F2} s | {Installed.TotalSeconds:F2} s | {CpuSeconds:F1} / {SwitchCpuSeconds:F1} | {FlowModsSent:N0} | " +
        $"{SwitchFlows:N0} / {DesiredFlows:N0} | {(double)SwitchFlows / Ports:F1} | {Mb(WorkingSetBytes)} ({Mb(PeakWorkingSetBytes)}) | " +
        $"{Mb(GcHeapBytes)} / {Mb(LiveHeapBytes)} | {ChangeMedianMs:F1} / {ChangeP95Ms:F1} ms ({ChangeLatenciesMs.Count}) |");

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:F0} MB");

    private double Percentile(double q)
    {
        if (ChangeLatenciesMs.Count == 0)
        {
            return double.NaN;
        }
        var sorted = ChangeLatenciesMs.Order().ToList();
        var rank = (int)Math.Ceiling(q * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
