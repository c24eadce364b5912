using Wyvern.Ovsdb.Bootstrap;
using Wyvern.Ovsdb.Rpc;
using Wyvern.Testing;
using Wyvern.Testing.Harness;

namespace Wyvern.Ovsdb.Tests.Ovs;

/// <summary>The bootstrap against a running ovs-vswitchd: the bridge it makes is usable, and
/// re-running it — even with a new controller target — never flushes installed flows
/// (testbed gotcha 3: adding or removing a controller flushes them).</summary>
[Trait("Layer", Layer.Ovs)]
public sealed class ChassisBootstrapOnSwitchTests : IAsyncLifetime
{
    private Chassis _chassis = null!;
    private OvsdbClient _client = null!;

    private ChassisBootstrapOptions Options => new()
    {
        DatapathType = "netdev",
        ControllerTarget = _chassis.ControllerTarget,
        TunnelTypes = ["vxlan", "geneve", "gre"],
        LocalIp = "172.31.0.1",
        SystemId = _chassis.SystemId,
        Hostname = _chassis.Name,
    };

    public async Task InitializeAsync()
    {
        HostRequirements.EnsureRealOvs();
        _chassis = await Chassis.StartAsync(new ChassisOptions { CreateIntegrationBridge = false });
        _client = await OvsdbClient.ConnectAsync(OvsdbEndpoint.Unix(_chassis.DbSocket));
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        if (_chassis is not null)
        {
            await _chassis.DisposeAsync();
        }
    }

    [Fact]
    public async Task RerunsAndControllerRetarget_KeepInstalledFlows()
    {
        (await ChassisBootstrap.RunAsync(_client, Options)).Changed.ShouldBeTrue();
        foreach (var tunnel in new[] { "vxlan-vt", "geneve-vt", "gre-vt" })
        {
            await _chassis.WaitOfPortAsync(tunnel);
        }

        await _chassis.AddFlowsAsync(["table=0,priority=100,tun_id=5001,actions=drop"]);
        (await _chassis.DumpFlowsAsync()).ShouldContain(f => f.Contains("tun_id=0x1389", StringComparison.Ordinal));

        (await ChassisBootstrap.RunAsync(_client, Options)).Changes.ShouldBeEmpty();
        var retarget = await ChassisBootstrap.RunAsync(_client, Options with { ControllerTarget = "unix:" + Path.Combine(_chassis.RunDir, "other.sock") });
        retarget.Changes.ShouldHaveSingleItem().ShouldStartWith("retarget controller");
        await Task.Delay(500); // give vswitchd time to reconfigure (a flush would happen now)

        (await _chassis.DumpFlowsAsync()).ShouldContain(f => f.Contains("tun_id=0x1389", StringComparison.Ordinal));
        (await _chassis.VsctlAsync("get-fail-mode", "br-int")).Trim().ShouldBe("secure");
    }
}
