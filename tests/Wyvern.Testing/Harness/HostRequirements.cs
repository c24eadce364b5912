namespace Wyvern.Testing.Harness;

/// <summary>
/// Checks that the host can run real-OVS tests. A missing requirement fails the
/// test with a message that says what to install — CI must never skip silently.
/// </summary>
public static class HostRequirements
{
    /// <summary>The commands the end-to-end harness runs, and the Debian package of each.</summary>
    public static readonly IReadOnlyList<(string Command, string Package)> Commands =
    [
        ("ip", "iproute2"),
        ("ovsdb-server", "openvswitch-switch"),
        ("ovs-vswitchd", "openvswitch-switch"),
        ("ovs-vsctl", "openvswitch-switch"),
        ("ovs-ofctl", "openvswitch-switch"),
        ("ovs-appctl", "openvswitch-switch"),
        ("ovsdb-tool", "openvswitch-switch"),
        ("ethtool", "ethtool"),
        ("ping", "iputils-ping"),
    ];

    private static readonly Lazy<string?> Problem = new(() => FindProblem(Commands));

    /// <summary>Throws <see cref="TestEnvironmentException"/> unless root and every harness command are present.</summary>
    public static void EnsureRealOvs()
    {
        if (Problem.Value is { } problem)
        {
            throw new TestEnvironmentException(problem);
        }
    }

    /// <summary>Throws unless <paramref name="command"/> is on PATH.</summary>
    public static void EnsureCommand(string command, string package)
    {
        if (FindProblem([(command, package)]) is { } problem)
        {
            throw new TestEnvironmentException(problem);
        }
    }

    /// <summary>
    /// What stops these commands from running here, or null when nothing does:
    /// not Linux, not root, or commands missing (with the packages to install).
    /// </summary>
    public static string? FindProblem(IEnumerable<(string Command, string Package)> commands)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "real-OVS tests need Linux (network namespaces and Open vSwitch).";
        }
        if (EffectiveUserId() != 0)
        {
            return "real-OVS tests need root (they create network namespaces and run Open vSwitch). " +
                   "Run the suite as root: scripts/test.sh.";
        }
        var missing = commands.Where(c => FindOnPath(c.Command) is null).ToList();
        if (missing.Count > 0)
        {
            var packages = string.Join(' ', missing.Select(m => m.Package).Distinct());
            return $"missing commands: {string.Join(", ", missing.Select(m => m.Command))}. " +
                   $"Install them with `apt-get install {packages}` (scripts/setup.sh does it).";
        }
        return null;
    }

    /// <summary>The full path of <paramref name="command"/> on PATH (or the sbin directories), or null.</summary>
    public static string? FindOnPath(string command)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/sbin", "/sbin", "/usr/bin"]))
        {
            var candidate = Path.Combine(dir, command);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    private static int EffectiveUserId()
    {
        // /proc/self/status: "Uid:\treal\teffective\tsaved\tfs"
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                return int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        return -1;
    }
}
