using Wyvern.Controller;
using Wyvern.Model;
using Wyvern.Northbound.Embedded;
using Wyvern.Testing;
using Wyvern.Testing.Harness;
using Xunit.Abstractions;

namespace Wyvern.EndToEnd.Tests.Controller;

/// <summary>
/// A gateway chassis on real OVS resolves the external subnet's gateway (an external
/// host on the physical network) by ARP and stores its MAC; follows a MAC change at
/// the next refresh; does not rewrite an unchanged record in between.
/// </summary>
[Trait("Layer", Layer.EndToEnd)]
public sealed class NextHopResolutionTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task GatewayChassis_ResolvesTheUpstreamMac_AndFollowsItsChange()
    {
        await using var lab = new Lab();
        var physnet = await lab.AddProviderNetworkAsync("physnet1");
        var ch1 = await lab.AddChassisAsync(new ChassisOptions { CreateIntegrationBridge = false });
        await ch1.AttachProviderAsync(physnet);
        var upstream = await lab.AddExternalHostAsync(physnet, GatewayModel.UpstreamMac, GatewayModel.UpstreamCidr);
        var store = lab.Own(EmbeddedNbStore.Open(Path.Combine(ch1.RunDir, "nb.db")));
        var revision = (await store.CommitAsync(GatewayModel.Build(ch1.SystemId))).Revision;
        var options = HarnessControllerOptions.For(ch1, bridgeMappings: new Dictionary<string, string> { ["physnet1"] = "br-ex" }) with
        {
            GatewayCapable = true,
            NeighbourRetryInterval = TimeSpan.FromMilliseconds(500),
            NeighbourRefreshInterval = Refresh,
        };
        var controller = lab.Own(new ChassisController(store, options, new TestOutputLogger(output, ch1.Name)));
        await controller.StartAsync();
        await controller.WaitSyncedAsync(revision).WaitAsync(TimeSpan.FromSeconds(20));

        var learned = await GatewayModel.WaitForNeighbourAsync(store, n => true, TimeSpan.FromSeconds(20));
        learned.MacAddress.ShouldBe(MacAddress.Parse(GatewayModel.UpstreamMac));
        learned.ResolvedBy.ShouldBe(ch1.SystemId);
        (await ch1.DumpFlowsAsync()).ShouldContain(f => f.Contains("arp_op=2", StringComparison.Ordinal) && f.Contains("CONTROLLER", StringComparison.Ordinal));

        // Nothing changed: the record stays as it is until it is half a refresh old.
        await Task.Delay(Refresh / 2 - TimeSpan.FromMilliseconds(500));
        (await store.GetAsync<Neighbour>("ext-sub"))!.Version.ShouldBe(learned.Version);

        // The upstream router is replaced (new MAC): the record follows at the next refresh.
        const string newMac = "52:54:00:aa:00:02";
        await upstream.Netns.CheckAsync("ip", "link", "set", "eth0", "address", newMac);
        var followed = await GatewayModel.WaitForNeighbourAsync(store, n => n.MacAddress == MacAddress.Parse(newMac), Refresh * 3);
        followed.Version.ShouldBeGreaterThan(learned.Version);
    }
}
