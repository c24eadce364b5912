using System.Net;
using Wyvern.Controller;
using Wyvern.Model;
using Wyvern.Northbound;
using Wyvern.Northbound.Embedded;
using Wyvern.Testing;
using Wyvern.Testing.Harness;
using Xunit.Abstractions;

namespace Wyvern.EndToEnd.Tests.Controller;

/// <summary>VMs on a VLAN provider network on two chassis talk through the physical network (br-ex, patch ports).</summary>
[Trait("Layer", Layer.EndToEnd)]
public sealed class ProviderNetworkTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(NetworkType.Vlan, 100)]
    [InlineData(NetworkType.Flat, null)]
    public async Task TwoChassis_ProviderNetwork_PingThroughThePhysicalNetwork(NetworkType type, int? vlan)
    {
        await using var lab = new Lab();
        var physnet = await lab.AddProviderNetworkAsync("physnet1");
        var ch1 = await lab.AddChassisAsync(new ChassisOptions { CreateIntegrationBridge = false });
        var ch2 = await lab.AddChassisAsync(new ChassisOptions { CreateIntegrationBridge = false });
        await ch1.AttachProviderAsync(physnet);
        await ch2.AttachProviderAsync(physnet);
        var store = lab.Own(EmbeddedNbStore.Open(Path.Combine(ch1.RunDir, "nb.db")));
        var revision = (await store.CommitAsync(new NbTransaction()
            .Create(OpenSecurityGroup.Group)
            .Create(new LogicalSwitch { Id = "prov", Key = 1, NetworkType = type, SegmentationId = vlan, PhysicalNetwork = "physnet1" })
            .Create(new Subnet { Id = "prov-sub", NetworkId = "prov", Cidr = IPNetwork.Parse("192.168.50.0/24") })
            .Create(Port("c1000001-0000-4000-8000-000000000001", 11, "fa:16:3e:00:05:01", "192.168.50.11"))
            .Create(Port("c2000002-0000-4000-8000-000000000002", 12, "fa:16:3e:00:05:02", "192.168.50.12")))).Revision;
        foreach (var ch in new[] { ch1, ch2 })
        {
            var controller = lab.Own(new ChassisController(store, HarnessControllerOptions.For(ch, bridgeMappings: new Dictionary<string, string> { ["physnet1"] = "br-ex" }), new TestOutputLogger(output, ch.Name)));
            await controller.StartAsync();
            await controller.WaitSyncedAsync(revision).WaitAsync(TimeSpan.FromSeconds(20));
        }
        var vm1 = await lab.AddVmAsync(ch1, "c1000001-0000-4000-8000-000000000001", "fa:16:3e:00:05:01", "192.168.50.11/24");
        await lab.AddVmAsync(ch2, "c2000002-0000-4000-8000-000000000002", "fa:16:3e:00:05:02", "192.168.50.12/24");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        CommandResult ping;
        do
        {
            ping = await vm1.PingAsync("192.168.50.12", count: 2, waitSeconds: 1);
        }
        while (!ping.Succeeded && DateTime.UtcNow < deadline);
        ping.Succeeded.ShouldBeTrue(ping.ToString());

        // On the wire between the chassis the frames carry the network's VLAN (or none).
        var flows = await ch1.DumpFlowsAsync();
        if (vlan is { } vid)
        {
            flows.ShouldContain(f => f.Contains($"dl_vlan={vid}", StringComparison.Ordinal) || f.Contains($"vlan_vid=0x{0x1000 | vid:x}", StringComparison.Ordinal));
        }
    }

    private static LogicalPort Port(string id, int key, string mac, string ip) => new()
    {
        Id = id,
        Key = key,
        NetworkId = "prov",
        MacAddress = MacAddress.Parse(mac),
        FixedIps = [new FixedIp("prov-sub", IPAddress.Parse(ip))],
        DeviceOwner = "compute:nova",
        SecurityGroupIds = [OpenSecurityGroup.Id],
    };
}
