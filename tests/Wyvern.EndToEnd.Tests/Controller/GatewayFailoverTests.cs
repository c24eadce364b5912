using System.Diagnostics;
using Wyvern.Controller;
using Wyvern.Model;
using Wyvern.Northbound.Etcd;
using Wyvern.Testing;
using Wyvern.Testing.Etcd;
using Wyvern.Testing.Harness;
using Xunit.Abstractions;

namespace Wyvern.EndToEnd.Tests.Controller;

/// <summary>
/// Two gateway-capable chassis on a real etcd, both on the external network. The
/// router's gateway chassis (ch1) stops: its lease expires, ch2's rescheduler
/// rewrites the router's list, every chassis computes the new active gateway, and
/// ch2 resolves the external next hop. Reports the time each step took.
/// </summary>
[Trait("Layer", Layer.EndToEnd)]
public sealed class GatewayFailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan LeaseTtl = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task GatewayChassisStops_RouterMovesToTheStandby_WhichResolvesTheNextHop()
    {
        HostRequirements.EnsureCommand("etcd", "etcd-server");
        await using var lab = new Lab();
        using var dir = new TempDirectory();
        var ports = EtcdMember.FreePorts(1)[0];
        using var etcd = EtcdMember.Start(dir, "e1", ports, $"e1=http://127.0.0.1:{ports.Peer}");
        await etcd.WaitReadyAsync(TimeSpan.FromSeconds(20));
        var prefix = "/" + TestRun.Prefix;
        var physnet = await lab.AddProviderNetworkAsync("physnet1");
        await lab.AddExternalHostAsync(physnet, GatewayModel.UpstreamMac, GatewayModel.UpstreamCidr);
        var chassis = new List<Testing.Harness.Chassis>();
        var controllers = new List<ChassisController>();
        for (var i = 0; i < 2; i++)
        {
            var ch = await lab.AddChassisAsync(new ChassisOptions { CreateIntegrationBridge = false });
            await ch.AttachProviderAsync(physnet);
            chassis.Add(ch);
        }
        var writer = lab.Own(new EtcdNbStore(new EtcdNbStoreOptions { Endpoints = [etcd.ClientUrl], Prefix = prefix }));
        var revision = (await writer.CommitAsync(GatewayModel.Build(chassis[0].SystemId, chassis[1].SystemId))).Revision;
        foreach (var ch in chassis)
        {
            var store = lab.Own(new EtcdNbStore(new EtcdNbStoreOptions { Endpoints = [etcd.ClientUrl], Prefix = prefix }));
            var options = HarnessControllerOptions.For(ch, bridgeMappings: new Dictionary<string, string> { ["physnet1"] = "br-ex" }) with
            {
                GatewayCapable = true,
                LeaseTtl = LeaseTtl,
                NeighbourRetryInterval = TimeSpan.FromMilliseconds(500),
                NeighbourRefreshInterval = TimeSpan.FromSeconds(4),
            };
            var controller = lab.Own(new ChassisController(store, options, new TestOutputLogger(output, ch.Name)));
            await controller.StartAsync();
            await controller.WaitSyncedAsync(revision).WaitAsync(TimeSpan.FromSeconds(20));
            controllers.Add(controller);
        }
        var first = await GatewayModel.WaitForNeighbourAsync(writer, n => true, TimeSpan.FromSeconds(20));
        first.ResolvedBy.ShouldBe(chassis[0].SystemId);

        // ch1's controller stops (not revoking its lease, as a crash or a restart would).
        var clock = Stopwatch.StartNew();
        await controllers[0].DisposeAsync();

        var router = await WaitForRouterAsync(writer, r => r.GatewayChassis.Count > 0 && r.GatewayChassis[0] == chassis[1].SystemId, TimeSpan.FromSeconds(30));
        var toList = clock.Elapsed;
        router.GatewayChassis.ShouldNotContain(chassis[0].SystemId);
        var live = (await writer.ListAsync<Model.Chassis>()).ToDictionary(c => c.Id);
        GatewaySelection.ActiveGateway(router, live.GetValueOrDefault, "physnet1").ShouldBe(chassis[1].SystemId);

        var resolved = await GatewayModel.WaitForNeighbourAsync(writer, n => n.ResolvedBy == chassis[1].SystemId, TimeSpan.FromSeconds(20));
        var toNeighbour = clock.Elapsed;
        resolved.MacAddress.ShouldBe(MacAddress.Parse(GatewayModel.UpstreamMac));
        (await chassis[1].DumpFlowsAsync()).ShouldContain(f => f.Contains("arp_op=2", StringComparison.Ordinal) && f.Contains("CONTROLLER", StringComparison.Ordinal));
        output.WriteLine($"lease ttl {LeaseTtl.TotalSeconds:F0} s: stop → new gateway list {toList.TotalSeconds:F2} s, → neighbour from the new gateway {toNeighbour.TotalSeconds:F2} s");
    }

    private static async Task<LogicalRouter> WaitForRouterAsync(EtcdNbStore store, Func<LogicalRouter, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var r = await store.GetAsync<LogicalRouter>("r1");
            if (r is not null && done(r))
            {
                return r;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"router r1 was never rescheduled (gateway chassis [{string.Join(", ", r?.GatewayChassis ?? [])}])");
            }
            await Task.Delay(50);
        }
    }
}
