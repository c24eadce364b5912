using System.Globalization;

namespace Wyvern.Testing.Harness;

/// <summary>
/// A host made of a network namespace with one interface, <c>eth0</c>: the
/// common part of <see cref="Vm"/> and <see cref="ExternalHost"/>.
/// </summary>
public abstract class NetworkHost : IAsyncDisposable
{
    /// <summary>The host's interface name.</summary>
    public const string Interface = "eth0";

    private protected NetworkHost(Netns netns, string mac)
    {
        Netns = netns;
        Mac = mac;
    }

    /// <summary>The host's namespace.</summary>
    public Netns Netns { get; }

    /// <summary>MAC address of <c>eth0</c>.</summary>
    public string Mac { get; }

    /// <summary>The address configured with <see cref="ConfigureAsync"/> (without prefix), if any.</summary>
    public string? Ip { get; private set; }

    /// <summary>Runs a command inside the host.</summary>
    public Task<CommandResult> ExecAsync(string[] command, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Netns.RunAsync(command, timeout, cancellationToken);

    /// <summary>Sets a static address (CIDR notation) and, optionally, a default route.</summary>
    public async Task ConfigureAsync(string cidr, string? gateway = null)
    {
        await Netns.CheckAsync("ip", "addr", "add", cidr, "dev", Interface);
        if (gateway is not null)
        {
            await Netns.CheckAsync("ip", "route", "add", "default", "via", gateway);
        }
        Ip = cidr.Split('/')[0];
    }

    /// <summary>Pings <paramref name="target"/>; the result's exit code is ping's (0 = every reply came back... or at least one, as ping defines).</summary>
    public Task<CommandResult> PingAsync(string target, int count = 3, double interval = 0.2, int waitSeconds = 2) =>
        ExecAsync(["ping", "-c", count.ToString(CultureInfo.InvariantCulture),
            "-i", interval.ToString(CultureInfo.InvariantCulture),
            "-W", waitSeconds.ToString(CultureInfo.InvariantCulture), "-n", target],
            TimeSpan.FromSeconds(count * (interval + waitSeconds) + 10));

    /// <summary>Deletes the namespace (the veth goes with it).</summary>
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return Netns.DisposeAsync();
    }

    /// <summary>Creates the namespace half: MAC set, TX checksum offload off (testbed gotcha 1), link up.</summary>
    private protected static async Task PrepareInterfaceAsync(Netns netns, string mac)
    {
        await netns.CheckAsync("ip", "link", "set", Interface, "address", mac);
        await netns.CheckAsync("ethtool", "-K", Interface, "tx", "off");
        await netns.CheckAsync("ip", "link", "set", Interface, "up");
    }

    public override string ToString() => Netns.Name;
}
