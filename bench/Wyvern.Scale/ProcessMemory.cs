using System.Globalization;

namespace Wyvern.Scale;

/// <summary>Resident memory of another process, read from <c>/proc/PID/status</c> (VmRSS, proc(5)).</summary>
public static class ProcessMemory
{
    /// <summary>Resident bytes of <paramref name="pid"/>, or null when it cannot be read.</summary>
    public static long? ResidentBytes(int? pid)
    {
        if (pid is null)
        {
            return null;
        }
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                // "VmRSS:	  123456 kB"
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
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

/// <summary>
/// The peak resident memory of this process over a phase: Linux keeps it as VmHWM in
/// <c>/proc/self/status</c> and resets it to the current resident size when "5" is written
/// to <c>/proc/self/clear_refs</c> (proc(5)), so a phase's peak is not hidden behind an
/// earlier one (the plug, minutes of OVSDB updates, comes before the timed part).
/// </summary>
public static class PeakResident
{
    /// <summary>Starts a new phase: the peak becomes the current resident size.</summary>
    public static void Reset() => File.WriteAllText("/proc/self/clear_refs", "5");

    /// <summary>The peak resident bytes since the last <see cref="Reset"/> (or the process start).</summary>
    public static long Read()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            // "VmHWM:	  123456 kB"
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kb = line["VmHWM:".Length..].Trim().Split(' ')[0];
                return long.Parse(kb, NumberStyles.None, CultureInfo.InvariantCulture) * 1024;
            }
        }
        throw new InvalidOperationException("no VmHWM in /proc/self/status");
    }
}
