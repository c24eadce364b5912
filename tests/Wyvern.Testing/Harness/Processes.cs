using System.Globalization;

namespace Wyvern.Testing.Harness;

/// <summary>Process helpers that work by pid only — never by name.</summary>
public static class Processes
{
    /// <summary>
    /// True if <paramref name="pid"/> runs and is not a zombie. Detached OVS
    /// daemons can linger as zombies under a sub-reaper, and <c>kill -0</c>
    /// succeeds on a zombie (testbed gotcha 8), so read the state instead.
    /// </summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // "pid (comm) S ..." — comm may hold spaces or parentheses; the state follows the last ')'.
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is not 'Z' and not 'X';
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The kernel start time of <paramref name="pid"/> (clock ticks since boot), or null.</summary>
    public static long? StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // Fields after "(comm)" start at field 3; starttime is field 22.
            return long.Parse(fields[22 - 3], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Reads a pidfile; null when absent or unreadable.</summary>
    public static int? ReadPidFile(string path)
    {
        try
        {
            return int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
                ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>SIGTERM, wait up to <paramref name="grace"/>, then SIGKILL.</summary>
    public static async Task KillAsync(int pid, TimeSpan? grace = null)
    {
        if (pid <= 1 || pid == Environment.ProcessId || !IsAlive(pid))
        {
            return;
        }
        await Shell.RunAsync("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(5));
        var deadline = DateTime.UtcNow + (grace ?? TimeSpan.FromSeconds(3));
        while (IsAlive(pid) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        if (IsAlive(pid))
        {
            await Shell.RunAsync("kill", ["-KILL", pid.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(5));
            for (var i = 0; i < 40 && IsAlive(pid); i++)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Kills the process named by a pidfile, if any.</summary>
    public static async Task KillPidFileAsync(string path)
    {
        if (ReadPidFile(path) is { } pid)
        {
            await KillAsync(pid);
        }
    }
}
