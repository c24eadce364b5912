using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Wyvern.Testing;
using Wyvern.Testing.Harness;

namespace Wyvern.Scale;

/// <summary>
/// A controller restart as an operator makes one: the <c>wyvern controller</c> program (built
/// Release by bench/scale/run.sh) started as a fresh process on the benchmark's store (the
/// embedded store's SQLite file, which both processes open) and switch. Timed from the process
/// start until it has dumped the switch and diffed against it ("full resync" in its log); its
/// peak resident set (VmHWM) by then is the controller's own memory at a restart, with nothing
/// of the benchmark's. The process is killed by its pid afterwards.
/// </summary>
public static partial class ProcessRestart
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    // Log lines that mark the phases of a start, timed as they arrive.
    private static readonly string[] Milestones = ["registered", "connected", "holds", "full resync"];

    /// <summary>Runs it; <paramref name="storePath"/> is the embedded store's database file.</summary>
    public static async Task<RestartFigures> RunAsync(Chassis ch, string storePath, string physicalNetwork, TextWriter log)
    {
        var dll = Path.Combine(RepositoryPaths.Root, "src", "Wyvern.Cli", "bin", "Release", "net10.0", "wyvern.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[dll, "controller", "--store", "embedded:" + storePath, "--chassis", ch.SystemId,
            "--ovsdb", "unix:" + ch.DbSocket, "--openflow", "unix:" + ch.ControllerSocketPath, "--datapath", "netdev",
            "--tunnel-types", "", "--bridge-mappings", $"{physicalNetwork}:br-ex"])
        {
            start.ArgumentList.Add(arg);
        }

        var resynced = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + dll);
        using var sampler = new ResidentSampler(TimeSpan.FromMilliseconds(100), clock, process.Id);
        var milestones = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                output.Enqueue(line);
                if (Milestones.FirstOrDefault(m => line.Contains(m, StringComparison.Ordinal)) is { } milestone)
                {
                    milestones.Enqueue(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:F1} s {milestone}"));
                }
                if (line.Contains("full resync with", StringComparison.Ordinal))
                {
                    resynced.TrySetResult(line);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                output.Enqueue(line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var exited = process.WaitForExitAsync();
            var first = await Task.WhenAny(resynced.Task, exited).WaitAsync(Timeout);
            if (first != resynced.Task)
            {
                throw new InvalidOperationException(
                    $"wyvern controller exited ({process.ExitCode}) before it resynced with the switch:\n{string.Join('\n', output.TakeLast(20))}");
            }
            var line = await resynced.Task;
            var elapsed = clock.Elapsed;
            var peak = ProcessMemory.StatusBytes(process.Id, "VmHWM") ?? 0;
            var counts = ResyncCounts().Match(line);
            var flowMods = counts.Success
                ? (long)counts.Groups.Values.Skip(1).Sum(g => int.Parse(g.Value, CultureInfo.InvariantCulture))
                : throw new InvalidOperationException("no counts in: " + line);
            log.WriteLine($"resident during the process restart (s: MB): {sampler.Stop()}; {string.Join(", ", milestones)}");
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"restart as a fresh wyvern controller process: resynced {elapsed.TotalSeconds:F2} s after its start, {flowMods} flow mods, peak resident {peak / 1048576.0:F0} MB"));
            return new RestartFigures(elapsed, 0, peak, flowMods);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            await process.WaitForExitAsync();
        }
    }

    [GeneratedRegex(@"(\d+) to add, (\d+) to delete, (\d+) to modify")]
    private static partial Regex ResyncCounts();
}
