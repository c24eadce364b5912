using System.Globalization;

namespace Wyvern.Scale;

/// <summary>CPU time of another process, read from <c>/proc/PID/stat</c> (utime + stime, proc(5)).</summary>
public static class ProcessCpu
{
    /// <summary>Clock ticks per second of <c>/proc</c> times (USER_HZ, 100 on Linux).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>User + system CPU seconds of <paramref name="pid"/>, or null when it cannot be read.</summary>
    public static double? Seconds(int? pid)
    {
        if (pid is null)
        {
            return null;
        }
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name (which may contain spaces) start at field 3 (state); utime and stime are fields 14 and 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 12 &&
                   long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var utime) &&
                   long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var stime)
                ? (utime + stime) / TicksPerSecond
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
