using Wyvern.Testing;
using Wyvern.Testing.Harness;

namespace Wyvern.EndToEnd.Tests.Harness;

/// <summary>The harness on one chassis: real packets between two VMs through real OVS.</summary>
[Trait("Layer", Layer.EndToEnd)]
public sealed class SingleChassisTests
{
    [Fact]
    public async Task OneChassis_TwoVms_HandInstalledFlows_Ping()
    {
        await using var lab = new Lab();
        var ch = await lab.AddChassisAsync();
        var vm1 = await lab.AddVmAsync(ch, "1a000001-0000-4000-8000-000000000001", "fa:16:3e:00:00:11", "10.0.0.11/24");
        var vm2 = await lab.AddVmAsync(ch, "2b000002-0000-4000-8000-000000000002", "fa:16:3e:00:00:12", "10.0.0.12/24");
        var p1 = await vm1.OfPortAsync();
        var p2 = await vm2.OfPortAsync();

        // fail_mode=secure and no flows: the switch drops everything.
        (await vm1.PingAsync("10.0.0.12", count: 1, waitSeconds: 1)).Succeeded.ShouldBeFalse();

        await ch.AddFlowsAsync([
            $"table=0,priority=100,in_port={p1},actions=output:{p2}",
            $"table=0,priority=100,in_port={p2},actions=output:{p1}",
        ]);
        var ping = await vm1.PingAsync("10.0.0.12", count: 3);
        ping.Succeeded.ShouldBeTrue(ping.ToString());
        ping.Stdout.ShouldContain("3 received");

        // The interface carries what a controller uses to bind the port.
        (await ch.VsctlAsync("get", "Interface", vm2.TapName, "external_ids:iface-id")).Trim()
            .ShouldBe("\"2b000002-0000-4000-8000-000000000002\"");
    }

    [Fact]
    public async Task ExternalHost_ReachesVm_ThroughProviderBridgeAndPatchPorts()
    {
        await using var lab = new Lab();
        var physnet = await lab.AddProviderNetworkAsync();
        var ch = await lab.AddChassisAsync();
        await ch.AttachProviderAsync(physnet);
        var vm = await lab.AddVmAsync(ch, "3c000003-0000-4000-8000-000000000003", "fa:16:3e:00:00:21", "172.24.4.21/24");
        var ext = await lab.AddExternalHostAsync(physnet, "fa:16:3e:ee:00:01", "172.24.4.1/24");
        await ch.VsctlAsync(
            "add-port", "br-int", "patch-ex", "--", "set", "Interface", "patch-ex", "type=patch", "options:peer=patch-int",
            "--", "add-port", "br-ex", "patch-int", "--", "set", "Interface", "patch-int", "type=patch", "options:peer=patch-ex");
        var patch = await ch.WaitOfPortAsync("patch-ex");
        var p = await vm.OfPortAsync();
        await ch.AddFlowsAsync([
            $"table=0,priority=100,in_port={patch},actions=output:{p}",
            $"table=0,priority=100,in_port={p},actions=output:{patch}",
        ]);

        var ping = await ext.PingAsync("172.24.4.21", count: 3);
        ping.Succeeded.ShouldBeTrue(ping.ToString());
    }
}
