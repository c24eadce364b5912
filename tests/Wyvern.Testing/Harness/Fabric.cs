using System.Globalization;

namespace Wyvern.Testing.Harness;

/// <summary>
/// The underlay between chassis: a namespace holding a Linux bridge with STP
/// off and MTU 9000. Each chassis gets a veth into it
/// (<see cref="Chassis.AttachUnderlayAsync"/>). Addresses live only inside
/// the test's namespaces.
/// </summary>
public sealed class Fabric : IAsyncDisposable
{
    /// <summary>Underlay MTU: room for a 1500-byte frame plus tunnel headers.</summary>
    public const int Mtu = 9000;

    private const string BridgeName = "fab0";
    private int _ports;

    private Fabric(Netns netns) => Netns = netns;

    /// <summary>The fabric's namespace (tcpdump on <c>fab0</c> here sees the underlay).</summary>
    public Netns Netns { get; }

    /// <summary>The underlay subnet (inside the test's namespaces only).</summary>
    public const string Cidr = "172.31.0.0/24";

    /// <summary>Prefix length of <see cref="Cidr"/>.</summary>
    public const int PrefixLength = 24;

    /// <summary>The <paramref name="index"/>-th address of the underlay subnet.</summary>
    public static string Address(int index) => string.Create(CultureInfo.InvariantCulture, $"172.31.0.{index}");

    /// <summary>Creates the fabric namespace and its bridge.</summary>
    public static async Task<Fabric> StartAsync()
    {
        var netns = await Netns.CreateAsync(TestRun.NewName("fab"));
        var fabric = new Fabric(netns);
        try
        {
            await netns.CheckAsync("ip", "link", "add", BridgeName, "type", "bridge", "stp_state", "0", "forward_delay", "0");
            await netns.CheckAsync("ip", "link", "set", BridgeName, "mtu", Mtu.ToString(CultureInfo.InvariantCulture), "up");
            return fabric;
        }
        catch
        {
            await fabric.DisposeAsync();
            throw;
        }
    }

    /// <summary>Adds a veth whose one end is a port of the fabric bridge and whose other end is <paramref name="peerName"/> in <paramref name="peer"/>.</summary>
    public async Task AddPortAsync(Netns peer, string peerName)
    {
        var local = "fab" + Interlocked.Increment(ref _ports).ToString(CultureInfo.InvariantCulture);
        var mtu = Mtu.ToString(CultureInfo.InvariantCulture);
        await Netns.CheckAsync("ip", "link", "add", local, "mtu", mtu, "type", "veth", "peer", "name", peerName, "netns", peer.Name);
        await Netns.CheckAsync("ip", "link", "set", local, "master", BridgeName, "up");
        await peer.CheckAsync("ip", "link", "set", peerName, "mtu", mtu);
        // A kernel end that injects traffic must not leave checksums partial (testbed gotcha 1).
        await peer.RunAsync(["ethtool", "-K", peerName, "tx", "off"]);
    }

    /// <summary>Deletes the namespace (its veths go with it).</summary>
    public ValueTask DisposeAsync() => Netns.DisposeAsync();
}
