namespace Wyvern.Testing.Harness;

/// <summary>
/// A Linux network namespace owned by a test. Its <c>/etc/netns/NAME/resolv.conf</c>
/// points at 127.0.0.1, because the host's resolver is unreachable from the
/// namespace and must never be a target (testbed gotcha 6). Disposing kills
/// every process still inside it (by pid) and deletes it.
/// </summary>
public sealed class Netns : IAsyncDisposable
{
    private Netns(string name) => Name = name;

    /// <summary>The namespace name (<c>wy-…</c>).</summary>
    public string Name { get; }

    /// <summary>Creates a namespace with loopback up.</summary>
    public static async Task<Netns> CreateAsync(string name)
    {
        HostRequirements.EnsureRealOvs();
        var etc = Path.Combine("/etc/netns", name);
        Directory.CreateDirectory(etc);
        await File.WriteAllTextAsync(Path.Combine(etc, "resolv.conf"), "nameserver 127.0.0.1\n");
        await Shell.CheckAsync("ip", "netns", "add", name);
        var ns = new Netns(name);
        await ns.CheckAsync("ip", "link", "set", "lo", "up");
        return ns;
    }

    /// <summary>Runs a command inside the namespace.</summary>
    public Task<CommandResult> RunAsync(IEnumerable<string> command, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Shell.RunInAsync(Name, command, timeout, cancellationToken);

    /// <summary>Runs a command inside the namespace and returns its stdout; throws with its output if it fails.</summary>
    public async Task<string> CheckAsync(params string[] command) =>
        (await RunAsync(command)).EnsureSuccess().Stdout;

    /// <summary>Kills the namespace's processes and deletes it.</summary>
    public ValueTask DisposeAsync() => new(RemoveAsync(Name));

    /// <summary>Names of all namespaces on the host.</summary>
    public static async Task<IReadOnlyList<string>> ListAsync()
    {
        var r = await Shell.RunAsync("ip", ["netns", "list"]);
        return r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split(' ')[0])
            .ToList();
    }

    /// <summary>Kills every process inside namespace <paramref name="name"/> by pid, then deletes it.</summary>
    public static async Task RemoveAsync(string name)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var pids = await Shell.RunAsync("ip", ["netns", "pids", name]);
            var list = pids.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => int.TryParse(p, out var pid) ? pid : 0)
                .Where(p => p > 0)
                .ToList();
            if (list.Count == 0)
            {
                break;
            }
            await Task.WhenAll(list.Select(p => Processes.KillAsync(p)));
        }
        await Shell.RunAsync("ip", ["netns", "del", name]);
        TestRun.TryDeleteDirectory(Path.Combine("/etc/netns", name));
    }
}
