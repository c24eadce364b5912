using System.Globalization;

namespace Wyvern.Testing.Harness;

/// <summary>
/// A device Wyvern does not manage: a Linux kernel VXLAN interface in its own
/// namespace on the underlay, with head-end replication to the given chassis
/// (<c>bridge fdb append 00:00:00:00:00:00 … dst</c>). <c>noudpcsum</c> and TX
/// offload off, or OVS's userspace tunnel pop drops its packets (testbed gotcha 2).
/// </summary>
public sealed class RemoteVtep : NetworkHost
{
    private RemoteVtep(Netns netns, string mac) : base(netns, mac) { }

    /// <summary>Starts the VTEP at <paramref name="underlayIp"/> and configures <paramref name="cidr"/> on its VXLAN interface (named eth0).</summary>
    public static async Task<RemoteVtep> StartAsync(Fabric fabric, string underlayIp, int vni, string mac, string cidr, IReadOnlyList<string> peers)
    {
        var netns = await Netns.CreateAsync(TestRun.NewName("vtep"));
        var vtep = new RemoteVtep(netns, mac);
        try
        {
            await fabric.AddPortAsync(netns, "ul0");
            await netns.CheckAsync("ip", "addr", "add", $"{underlayIp}/{Fabric.PrefixLength}", "dev", "ul0");
            await netns.CheckAsync("ip", "link", "set", "ul0", "up");
            await netns.CheckAsync("ip", "link", "add", Interface, "type", "vxlan", "id", vni.ToString(CultureInfo.InvariantCulture),
                "local", underlayIp, "dstport", "4789", "dev", "ul0", "noudpcsum");
            foreach (var peer in peers)
            {
                await netns.CheckAsync("bridge", "fdb", "append", "00:00:00:00:00:00", "dev", Interface, "dst", peer);
            }
            await PrepareInterfaceAsync(netns, mac);
            await vtep.ConfigureAsync(cidr);
            return vtep;
        }
        catch
        {
            await vtep.DisposeAsync();
            throw;
        }
    }
}
