using System.Globalization;

namespace Wyvern.Testing.Harness;

/// <summary>
/// A physical (provider) network such as the external network of floating
/// IPs: a Linux bridge in its own namespace. Chassis attach to it through a
/// provider bridge (<see cref="Chassis.AttachProviderAsync"/>); external hosts
/// plug into it directly (<see cref="ExternalHost"/>).
/// </summary>
public sealed class ProviderNetwork : IAsyncDisposable
{
    private const string BridgeName = "pn0";
    private int _ports;

    private ProviderNetwork(Netns netns, string physnet)
    {
        Netns = netns;
        Physnet = physnet;
    }

    /// <summary>The network's namespace (tcpdump on <c>pn0</c> here sees the wire).</summary>
    public Netns Netns { get; }

    /// <summary>The physical network name the bridge mappings refer to.</summary>
    public string Physnet { get; }

    /// <summary>Creates the network. VLAN filtering is off, so tagged frames pass as they are.</summary>
    public static async Task<ProviderNetwork> StartAsync(string physnet = "physnet1")
    {
        var netns = await Netns.CreateAsync(TestRun.NewName("pn"));
        var network = new ProviderNetwork(netns, physnet);
        try
        {
            await netns.CheckAsync("ip", "link", "add", BridgeName, "type", "bridge", "stp_state", "0", "forward_delay", "0");
            await netns.CheckAsync("ip", "link", "set", BridgeName, "up");
            return network;
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
    }

    internal int NextIndex() => Interlocked.Increment(ref _ports);

    /// <summary>Adds a veth: <paramref name="localName"/> on the bridge here, <paramref name="peerName"/> in <paramref name="peer"/>.</summary>
    public async Task AddPortAsync(Netns peer, string peerName, string localName)
    {
        await Netns.CheckAsync("ip", "link", "add", localName, "type", "veth", "peer", "name", peerName, "netns", peer.Name);
        await Netns.CheckAsync("ip", "link", "set", localName, "master", BridgeName, "up");
        await peer.RunAsync(["ethtool", "-K", peerName, "tx", "off"]);
    }

    /// <summary>Adds a port for an external host and returns nothing: the host configures its end.</summary>
    internal Task AddHostPortAsync(Netns host) =>
        AddPortAsync(host, "eth0", "h" + NextIndex().ToString(CultureInfo.InvariantCulture));

    /// <summary>Deletes the namespace.</summary>
    public ValueTask DisposeAsync() => Netns.DisposeAsync();
}
