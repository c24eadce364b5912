using System.Globalization;

namespace Wyvern.Testing.Harness;

/// <summary>
/// The per-run naming scheme and the leftover sweep.
///
/// Every namespace, directory and file the harness creates is named
/// <c>{Prefix}-{role}{n}</c> with <c>Prefix = "wy-" + 6 hex digits</c>, so two
/// runs (parallel, or a crashed one and a new one) never collide. The run
/// writes <c>/tmp/{Prefix}.owner</c> holding its pid and start time; at the
/// first use in a process the harness removes the leftovers of every earlier
/// run whose owner process is gone — and only those: a <c>wy-</c> name without
/// an owner file, or whose owner still runs, is not ours to touch.
/// </summary>
public static class TestRun
{
    private const string TmpRoot = "/tmp";
    private static int _counter;
    private static readonly Lazy<bool> Started = new(Start);

    /// <summary>"wy-" and six hex digits, unique to this test process.</summary>
    public static string Prefix { get; } = "wy-" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 3));

    /// <summary>Path of this run's owner marker.</summary>
    public static string OwnerFile => OwnerFileOf(Prefix);

    /// <summary>A new unique name for a harness object: <c>{Prefix}-{role}{n}</c>.</summary>
    public static string NewName(string role)
    {
        EnsureStarted();
        return $"{Prefix}-{role}{Interlocked.Increment(ref _counter)}";
    }

    /// <summary>Writes the owner marker and sweeps dead runs' leftovers, once per process.</summary>
    public static void EnsureStarted() => _ = Started.Value;

    /// <summary>
    /// Removes every leftover (namespaces, their processes, directories) of
    /// runs whose owner process is gone. Returns the prefixes swept.
    /// </summary>
    public static IReadOnlyList<string> SweepDeadRuns()
    {
        var swept = new List<string>();
        foreach (var owner in Directory.EnumerateFiles(TmpRoot, "wy-*.owner"))
        {
            var prefix = Path.GetFileName(owner)[..^".owner".Length];
            if (prefix == Prefix || OwnerAlive(owner))
            {
                continue;
            }
            RemoveRunAsync(prefix).GetAwaiter().GetResult();
            File.Delete(owner);
            swept.Add(prefix);
        }
        return swept;
    }

    /// <summary>Removes everything named after <paramref name="prefix"/>: processes in its namespaces, the namespaces, the directories.</summary>
    public static async Task RemoveRunAsync(string prefix)
    {
        foreach (var ns in await Netns.ListAsync())
        {
            if (ns.StartsWith(prefix + "-", StringComparison.Ordinal))
            {
                await Netns.RemoveAsync(ns);
            }
        }
        foreach (var dir in Directory.EnumerateDirectories(TmpRoot, prefix + "-*"))
        {
            foreach (var pidFile in Directory.EnumerateFiles(dir, "*.pid"))
            {
                await Processes.KillPidFileAsync(pidFile);
            }
            TryDeleteDirectory(dir);
        }
    }

    /// <summary>Deletes a directory tree, ignoring a tree that is already gone.</summary>
    public static void TryDeleteDirectory(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>The owner marker of run <paramref name="prefix"/> (tests fake dead runs with it).</summary>
    public static string OwnerFileOfForTests(string prefix) => OwnerFileOf(prefix);

    internal static string OwnerFileOf(string prefix) => Path.Combine(TmpRoot, prefix + ".owner");

    private static bool Start()
    {
        SweepDeadRuns();
        var pid = Environment.ProcessId;
        File.WriteAllText(OwnerFile, string.Create(CultureInfo.InvariantCulture, $"{pid} {Processes.StartTime(pid)}\n"));
        // Safety net for whatever a failed test could not dispose: at exit,
        // remove this run's namespaces, processes and directories.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            RemoveRunAsync(Prefix).GetAwaiter().GetResult();
            File.Delete(OwnerFile);
        };
        return true;
    }

    private static bool OwnerAlive(string ownerFile)
    {
        string[] parts;
        try
        {
            parts = File.ReadAllText(ownerFile).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        catch (IOException)
        {
            return false;
        }
        if (parts.Length < 1 || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }
        // A recycled pid is not the owner: compare the start time as well.
        var start = Processes.StartTime(pid);
        return Processes.IsAlive(pid) && (parts.Length < 2 || parts[1] == start?.ToString(CultureInfo.InvariantCulture));
    }
}
