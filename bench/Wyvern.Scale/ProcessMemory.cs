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
