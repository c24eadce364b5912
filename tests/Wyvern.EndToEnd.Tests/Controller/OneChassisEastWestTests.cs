using System.Diagnostics;
using Wyvern.Controller;
using Wyvern.Model;
using Wyvern.Northbound;
using Wyvern.Northbound.Embedded;
using Wyvern.Testing;
using Wyvern.Testing.Harness;
using Chassis = Wyvern.Testing.Harness.Chassis;
using Xunit.Abstractions;

namespace Wyvern.EndToEnd.Tests.Controller;

/// <summary>
/// The controller on a real chassis: embedded store, real ovs-vswitchd
/// (userspace datapath), VMs as namespaces getting their addresses from our
/// DHCP responder, and real packets east-west, across the router.
/// </summary>
[Trait("Layer", Layer.EndToEnd)]
public sealed class OneChassisEastWestTests(ITestOutputHelper output)
{
    [Fact]
    public async Task OneChassis_TwoNetworks_Router_Dhcp_Ping_Tcp_Spoofing_Delete()
    {
        await using var lab = new Lab();
        var (ch, store, controller) = await StartAsync(lab);
        var vms = await PlugVmsAsync(lab, ch);
        var (vm1, vm2, vm3) = (vms[0], vms[1], vms[2]);

        // DHCP from the model: address, prefix, router, MTU, DNS, domain.
        var lease = await DhcpClient.AcquireAsync(vm1, ch.RunDir);
        lease.ShouldBe(new DhcpClient.Lease("10.0.0.11", 24, "10.0.0.1", 1450, "10.0.0.53", "openstacklocal"));
        (await DhcpClient.AcquireAsync(vm2, ch.RunDir)).Ip.ShouldBe("10.0.0.12");
        (await DhcpClient.AcquireAsync(vm3, ch.RunDir)).Router.ShouldBe("10.0.1.1");

        await ShouldPingAsync(vm1, "10.0.0.12");           // same network
        await ShouldPingAsync(vm1, "10.0.1.13");           // across the router
        await ShouldPingAsync(vm3, "10.0.0.1");            // the router's far interface
        var traceroute = await vm1.ExecAsync(["ping", "-c", "1", "-W", "2", "-t", "1", "10.0.1.13"]);
        traceroute.Stdout.ShouldContain("From 10.0.0.1", Case.Sensitive, "TTL 1 through the router: time exceeded from the router");

        // TCP across the router: a 1 MB HTTP transfer.
        await vm3.Netns.CheckAsync("dd", "if=/dev/urandom", $"of={ch.RunDir}/blob", "bs=1024", "count=1024");
        using var server = StartHttpServer(vm3, ch.RunDir);
        var curl = await WaitForAsync(() => vm1.ExecAsync(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{size_download}", "--max-time", "10", "http://10.0.1.13:8080/blob"]),
            r => r.Stdout.StartsWith("200 ", StringComparison.Ordinal));
        curl.Stdout.Trim().ShouldBe("200 1048576");

        // A spoofed source address is dropped by port security.
        await vm1.Netns.CheckAsync("ip", "addr", "add", "10.0.0.99/24", "dev", "eth0");
        (await vm1.ExecAsync(["ping", "-c", "2", "-W", "1", "-I", "10.0.0.99", "10.0.0.12"])).Succeeded.ShouldBeFalse();

        // A port deleted in the store stops forwarding.
        var revision = (await store.CommitAsync(new NbTransaction().Delete<LogicalPort>(EastWestModel.Vm2))).Revision;
        await controller.WaitSyncedAsync(revision);
        (await vm1.PingAsync("10.0.0.12", count: 2, waitSeconds: 1)).Succeeded.ShouldBeFalse();
        await ShouldPingAsync(vm1, "10.0.1.13");
    }

    [Fact]
    public async Task ControllerRestart_LosesNoPacket_AndVswitchdRestart_IsRepaired()
    {
        await using var lab = new Lab();
        var (ch, store, controller) = await StartAsync(lab);
        var vms = await PlugVmsAsync(lab, ch);
        foreach (var vm in vms)
        {
            await DhcpClient.AcquireAsync(vm, ch.RunDir);
        }
        await ShouldPingAsync(vms[0], "10.0.1.13");
        var flowsBefore = await ch.DumpFlowsAsync();

        // 400 pings 20 ms apart across the router while the controller stops and a new one starts.
        var pinging = vms[0].ExecAsync(["ping", "-c", "400", "-i", "0.02", "-W", "1", "-q", "10.0.1.13"], TimeSpan.FromSeconds(60));
        await Task.Delay(1000);
        await controller.DisposeAsync();
        await Task.Delay(500);
        var restarted = lab.Own(new ChassisController(store, HarnessControllerOptions.For(ch), new TestOutputLogger(output, "controller#2")));
        await restarted.StartAsync();
        await restarted.WaitSyncedAsync(0).WaitAsync(TimeSpan.FromSeconds(20));
        var ping = await pinging;
        output.WriteLine(ping.Stdout);
        ping.Stdout.ShouldContain("400 packets transmitted, 400 received, 0% packet loss");
        restarted.Status.FlowModsSent.ShouldBe(0, "a restarted controller finds every flow already right");
        (await ch.DumpFlowsAsync()).ShouldBe(flowsBefore, ignoreOrder: true);

        // ovs-vswitchd dies and comes back with no flows: the controller reinstalls them.
        await ch.KillVswitchdAsync();
        var clock = Stopwatch.StartNew();
        await ch.StartVswitchdAsync();
        await WaitForAsync(() => vms[0].PingAsync("10.0.1.13", count: 1, waitSeconds: 1), r => r.Succeeded, TimeSpan.FromSeconds(30));
        output.WriteLine($"ping resumed {clock.Elapsed.TotalSeconds:F2} s after ovs-vswitchd was restarted");
        (await ch.DumpFlowsAsync()).Count.ShouldBe(flowsBefore.Count);
    }

    [Fact]
    public async Task LargeSyncs_GoOverSeveralConnections_AndEveryFlowArrives()
    {
        await using var lab = new Lab();
        // A bulk threshold of 16 flow mods makes every full sync of this small model a
        // "large" one (it still fits one bundle): it is spread over the controller
        // connection and three service connections to br-int.mgmt, one bundle each.
        var (ch, _, controller) = await StartAsync(lab, o => o with { BulkInstallThreshold = 16, BulkInstallConnections = 4 });
        controller.Status.BulkSyncs.ShouldBeGreaterThan(0);
        controller.Status.LastBulkSyncConnections.ShouldBe(4);
        var vms = await PlugVmsAsync(lab, ch);
        foreach (var vm in vms)
        {
            await DhcpClient.AcquireAsync(vm, ch.RunDir);
        }
        await ShouldPingAsync(vms[0], "10.0.1.13");
        var flows = await ch.DumpFlowsAsync();
        flows.Count.ShouldBe(controller.Status.DesiredFlows);

        // A restarted ovs-vswitchd has no flows: the whole table goes back over four connections.
        var bulkSyncs = controller.Status.BulkSyncs;
        await ch.KillVswitchdAsync();
        await ch.StartVswitchdAsync();
        await WaitForAsync(() => vms[0].PingAsync("10.0.1.13", count: 1, waitSeconds: 1), r => r.Succeeded, TimeSpan.FromSeconds(30));
        await controller.WaitSyncedAsync(0).WaitAsync(TimeSpan.FromSeconds(20));
        controller.Status.BulkSyncs.ShouldBeGreaterThan(bulkSyncs);
        controller.Status.LastBulkSyncConnections.ShouldBe(4);
        (await ch.DumpFlowsAsync()).ShouldBe(flows, ignoreOrder: true);
    }

    [Fact]
    public async Task BulkConnections_OpenWhileALargeTransactionCompiles_StayForTheNextBulkSync_ThenClose()
    {
        await using var lab = new Lab();
        var ch = await lab.AddChassisAsync(new ChassisOptions { CreateIntegrationBridge = false });
        var store = lab.Own(EmbeddedNbStore.Open(Path.Combine(ch.RunDir, "nb.db")));
        // Bundles of 2 flow mods: the model's first sync and one security group rule are bulk syncs.
        var options = HarnessControllerOptions.For(ch) with
        {
            MaxFlowModsPerBundle = 2,
            BulkInstallConnections = 4,
            BulkConnectionLinger = TimeSpan.FromSeconds(3),
        };
        var controller = lab.Own(new ChassisController(store, options, new TestOutputLogger(output, "controller")));
        await controller.StartAsync();
        await controller.WaitSyncedAsync(0).WaitAsync(TimeSpan.FromSeconds(20));
        // The pipeline's own flows were a bulk sync already; its connections close once idle
        // for longer than the linger.
        controller.Status.BulkSyncs.ShouldBe(1);
        await WaitForIdleBulkConnectionsAsync(controller, 0);

        // The whole model in one transaction, with the switch connected: the batch is big
        // enough for several bundles (BulkSessions.LikelyNeeded), so the service connections
        // are opened while the engine compiles it, and the sync takes them.
        var revision = await EastWestModel.WriteAsync(store);
        await controller.WaitSyncedAsync(revision).WaitAsync(TimeSpan.FromSeconds(20));
        controller.Status.BulkSessionsOpenedAhead.ShouldBe(1);
        controller.Status.LastBulkSyncConnections.ShouldBe(4);
        controller.Status.IdleBulkConnections.ShouldBe(3);
        (await ch.DumpFlowsAsync()).Count.ShouldBe(controller.Status.DesiredFlows);

        // A rule for every port of the group, at once: the next bulk sync finds them open.
        var bulkSyncs = controller.Status.BulkSyncs;
        var group = await store.GetAsync<SecurityGroup>(OpenSecurityGroup.Id) ?? throw new InvalidOperationException("no group");
        var rule = new SecurityGroupRule { Id = "http-in", Direction = RuleDirection.Ingress, EtherType = EtherType.IPv4, Protocol = 6, PortRangeMin = 8080, PortRangeMax = 8080 };
        revision = (await store.CommitAsync(new NbTransaction().Update(group with { Rules = [.. group.Rules, rule] }))).Revision;
        await controller.WaitSyncedAsync(revision).WaitAsync(TimeSpan.FromSeconds(20));
        controller.Status.BulkSyncs.ShouldBe(bulkSyncs + 1);
        controller.Status.BulkSessionsReused.ShouldBe(1);
        controller.Status.LastBulkSyncConnections.ShouldBe(4);
        (await ch.DumpFlowsAsync()).Count.ShouldBe(controller.Status.DesiredFlows);

        // Idle for longer than the linger: closed.
        controller.Status.IdleBulkConnections.ShouldBe(3);
        await WaitForIdleBulkConnectionsAsync(controller, 0);

        var vms = await PlugVmsAsync(lab, ch);
        await DhcpClient.AcquireAsync(vms[0], ch.RunDir);
        await DhcpClient.AcquireAsync(vms[2], ch.RunDir);
        await ShouldPingAsync(vms[0], "10.0.1.13");
    }

    [Fact]
    public async Task LargeSync_WithNoServiceSocket_GoesOverTheControllerConnectionAlone()
    {
        await using var lab = new Lab();
        var (ch, _, controller) = await StartAsync(lab, o => o with
        {
            MaxFlowModsPerBundle = 16,
            SwitchServiceTarget = "unix:" + Path.Combine(Path.GetTempPath(), $"wy-none-{Guid.NewGuid():N}.mgmt"),
        });

        controller.Status.BulkSyncs.ShouldBeGreaterThan(0);
        controller.Status.LastBulkSyncConnections.ShouldBe(1);
        (await ch.DumpFlowsAsync()).Count.ShouldBe(controller.Status.DesiredFlows);
    }

    private static async Task WaitForIdleBulkConnectionsAsync(ChassisController controller, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (controller.Status.IdleBulkConnections != count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        controller.Status.IdleBulkConnections.ShouldBe(count);
    }

    private async Task<(Chassis Chassis, INbStore Store, ChassisController Controller)> StartAsync(Lab lab, Func<ControllerOptions, ControllerOptions>? tune = null)
    {
        var ch = await lab.AddChassisAsync(new ChassisOptions { CreateIntegrationBridge = false });
        var store = lab.Own(EmbeddedNbStore.Open(Path.Combine(ch.RunDir, "nb.db")));
        var revision = await EastWestModel.WriteAsync(store);
        var options = HarnessControllerOptions.For(ch);
        var controller = lab.Own(new ChassisController(store, tune is null ? options : tune(options), new TestOutputLogger(output, "controller")));
        await controller.StartAsync();
        await controller.WaitSyncedAsync(revision).WaitAsync(TimeSpan.FromSeconds(20));
        return (ch, store, controller);
    }

    private static async Task<List<Vm>> PlugVmsAsync(Lab lab, Chassis ch)
    {
        var vms = new List<Vm>();
        foreach (var vm in EastWestModel.Vms)
        {
            vms.Add(await lab.AddVmAsync(ch, vm.Id, vm.Mac));
        }
        return vms;
    }

    private static Process StartHttpServer(Vm vm, string dir)
    {
        var psi = new ProcessStartInfo("ip", ["netns", "exec", vm.Netns.Name, "/usr/bin/python3", "-m", "http.server", "8080", "--bind", "0.0.0.0", "--directory", dir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        return Process.Start(psi)!; // killed with the VM's namespace (Netns kills every process inside it)
    }

    private static async Task ShouldPingAsync(NetworkHost from, string to)
    {
        var r = await WaitForAsync(() => from.PingAsync(to, count: 2, interval: 0.2, waitSeconds: 1), r => r.Succeeded, TimeSpan.FromSeconds(10));
        r.Succeeded.ShouldBeTrue($"{from} → {to}: {r}");
    }

    private static async Task<CommandResult> WaitForAsync(Func<Task<CommandResult>> attempt, Func<CommandResult, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var r = await attempt();
            if (done(r) || DateTime.UtcNow > deadline)
            {
                return r;
            }
            await Task.Delay(200);
        }
    }
}
