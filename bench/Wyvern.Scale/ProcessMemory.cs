using System.Diagnostics;
using System.Globalization;

namespace Wyvern.Scale;

/// <summary>Resident memory of another process, read from <c>/proc/PID/status</c> (VmRSS, proc(5)).</summary>
public static class ProcessMemory
{
    /// <summary>One line of <c>/proc/self/status</c> ("RssAnon:	 123 kB"), squeezed, or the name alone.</summary>
    public static string StatusLine(string name) =>
        File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal)) is { } line
            ? string.Join(' ', line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            : name;

    /// <summary>Resident bytes of <paramref name="pid"/>, or null when it cannot be read.</summary>
    public static long? ResidentBytes(int? pid) => StatusBytes(pid, "VmRSS");

    /// <summary>A size field of /proc/PID/status ("VmRSS:	  123456 kB", "VmHWM", ...) in bytes, or null when it could not be read.</summary>
    public static long? StatusBytes(int? pid, string field)
    {
        if (pid is null)
        {
            return null;
        }
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    var kb = line[(field.Length + 1)..].Trim().Split(' ')[0];
                    return long.TryParse(kb, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value * 1024 : null;
                }
            }
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}

public static class PeakResident
{
    /// <summary>Starts a new phase: the peak becomes the current resident size.</summary>
    public static void Reset() => File.WriteAllText("/proc/self/clear_refs", "5");

    /// <summary>The peak resident bytes since the last <see cref="Reset"/> (or the process start).</summary>
    public static long Read() =>
        ProcessMemory.StatusBytes(Environment.ProcessId, "VmHWM") ?? throw new InvalidOperationException("no VmHWM in /proc/self/status");
}

/// <summary>
/// A process's resident size (this one unless a pid is given) every <c>period</c> on a timer, against a clock, for the log:
/// where in a phase the peak falls (the store write, the compile, the send).
/// </summary>
public sealed class ResidentSampler : IDisposable
{
    private readonly Stopwatch _clock;
    private readonly List<(double Seconds, long Bytes)> _samples = [];
    private readonly Timer _timer;

    private readonly string _statm;

    public ResidentSampler(TimeSpan period, Stopwatch clock, int? pid = null)
    {
        _clock = clock;
        _statm = pid is { } id ? $"/proc/{id}/statm" : "/proc/self/statm";
        _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, period);
    }

    /// <summary>Stops sampling; the samples as "seconds: MB" pairs.</summary>
    public string Stop()
    {
        _timer.Change(Timeout.Infinite, Timeout.Infinite);
        lock (_samples)
        {
            return string.Join(' ', _samples.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Seconds:F1}:{s.Bytes / 1048576.0:F0}")));
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        // statm's second field: resident pages (proc(5)).
        long resident;
        try
        {
            resident = long.Parse(File.ReadAllText(_statm).Split(' ')[1], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
        }
        catch (IOException)
        {
            return; // The process being sampled has exited.
        }

        lock (_samples)
        {
            _samples.Add((_clock.Elapsed.TotalSeconds, resident));
        }
    }
}
