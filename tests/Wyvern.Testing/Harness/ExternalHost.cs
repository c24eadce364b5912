namespace Wyvern.Testing.Harness;

/// <summary>
/// A host on a provider network, outside the cloud: the other end of floating
/// IP and SNAT traffic. Optionally on a VLAN (a tagged sub-interface).
/// </summary>
public sealed class ExternalHost : NetworkHost
{
    private ExternalHost(Netns netns, string mac) : base(netns, mac) { }

    /// <summary>Creates the host on <paramref name="network"/> with a static address.</summary>
    public static async Task<ExternalHost> StartAsync(ProviderNetwork network, string mac, string cidr, string? gateway = null)
    {
        var netns = await Netns.CreateAsync(TestRun.NewName("ext"));
        var host = new ExternalHost(netns, mac);
        try
        {
            await network.AddHostPortAsync(netns);
            await PrepareInterfaceAsync(netns, mac);
            await host.ConfigureAsync(cidr, gateway);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Creates a host behind an access port of VLAN <paramref name="vlan"/> on
    /// <paramref name="access"/>'s provider bridge (a top-of-rack switch: a harness
    /// chassis attached to the provider network, without a controller). The
    /// host sends untagged; the switch tags its frames on the provider network.
    /// (This kernel has neither 8021q nor bridge VLAN filtering, so OVS does the tagging.)
    /// </summary>
    public static async Task<ExternalHost> StartOnAccessPortAsync(Chassis access, int vlan, string mac, string cidr, string bridge = "br-ex")
    {
        var netns = await Netns.CreateAsync(TestRun.NewName("ext"));
        var host = new ExternalHost(netns, mac);
        try
        {
            var port = "a" + netns.Name[^6..];
            await access.Netns.CheckAsync("ip", "link", "add", port, "type", "veth", "peer", "name", Interface, "netns", netns.Name);
            await access.Netns.CheckAsync("ip", "link", "set", port, "up");
            await access.VsctlAsync("add-port", bridge, port, "tag=" + vlan.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await PrepareInterfaceAsync(netns, mac);
            await host.ConfigureAsync(cidr);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }
}
