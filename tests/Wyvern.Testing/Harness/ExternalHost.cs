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
}
