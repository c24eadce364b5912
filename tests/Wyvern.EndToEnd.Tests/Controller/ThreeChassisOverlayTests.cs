using Wyvern.Controller;
using Wyvern.Model;
using Wyvern.Northbound;
using Wyvern.Northbound.Etcd;
using Wyvern.Testing;
using Wyvern.Testing.Etcd;
using Wyvern.Testing.Harness;
using Xunit.Abstractions;
using Chassis = Wyvern.Testing.Harness.Chassis;

namespace Wyvern.EndToEnd.Tests.Controller;

/// <summary>
/// Three chassis, each its own namespace, OVS and controller, sharing a real
/// etcd: one network per tunnel type plus a router, VMs on every chassis, a
/// Linux kernel VXLAN device as a remote device, and a chassis that dies.
/// </summary>
[Trait("Layer", Layer.EndToEnd)]
public sealed class ThreeChassisOverlayTests(ITestOutputHelper output)
{
    private static readonly string[] TunnelTypes = ["vxlan", "geneve", "gre"];

    [Fact]
    public async Task ThreeChassis_EveryTunnelType_Router_RemoteDevice_ChassisExpiry()
    {
        HostRequirements.EnsureCommand("etcd", "etcd-server");
        await using var lab = new Lab();
        using var dir = new TempDirectory();
        var ports = EtcdMember.FreePorts(1)[0];
        using var etcd = EtcdMember.Start(dir, "e1", ports, $"e1=http://127.0.0.1:{ports.Peer}");
        await etcd.WaitReadyAsync(TimeSpan.FromSeconds(20));
        var prefix = "/" + TestRun.Prefix;

        var fabric = await lab.AddFabricAsync();
        var chassis = new List<Chassis>();
        var controllers = new List<ChassisController>();
        for (var i = 1; i <= 3; i++)
        {
            var ch = await lab.AddChassisAsync(new ChassisOptions { CreateIntegrationBridge = false });
            await ch.AttachUnderlayAsync(fabric, Fabric.Address(i));
            chassis.Add(ch);
        }
        foreach (var ch in chassis)
        {
            var store = lab.Own(new EtcdNbStore(new EtcdNbStoreOptions { Endpoints = [etcd.ClientUrl], Prefix = prefix }));
            var controller = lab.Own(new ChassisController(store, HarnessControllerOptions.For(ch, [TunnelType.Vxlan, TunnelType.Geneve, TunnelType.Gre]), new TestOutputLogger(output, ch.Name)));
            await controller.StartAsync();
            controllers.Add(controller);
        }
        foreach (var a in chassis)
        {
            foreach (var b in chassis.Where(b => b != a))
            {
                await a.SeedTunnelNeighbourAsync(b);
            }
        }

        // Exactly one virtual tunnel port per type on each chassis.
        foreach (var ch in chassis)
        {
            foreach (var type in TunnelTypes)
            {
                (await ch.VsctlAsync("--bare", "--columns=name", "find", "Interface", $"type={type}")).Trim().ShouldBe($"{type}-vt");
            }
        }

        var writer = lab.Own(new EtcdNbStore(new EtcdNbStoreOptions { Endpoints = [etcd.ClientUrl], Prefix = prefix }));
        await writer.CommitAsync(OverlayModel.Build());
        var vms = new Dictionary<string, Vm>();
        foreach (var vm in OverlayModel.Vms)
        {
            vms[vm.Name] = await lab.AddVmAsync(chassis[vm.Chassis], vm.PortId, vm.Mac, vm.Cidr, vm.Gateway);
        }

        await ShouldPingAsync(vms["vm1"], "10.1.0.12");   // vxlan, ch1 → ch2
        await ShouldPingAsync(vms["vm4"], "10.3.0.15");   // gre, ch2 → ch3
        await ShouldPingAsync(vms["vm1"], "10.2.0.13");   // across the router, vxlan → geneve, ch1 → ch3
        await ShouldPingAsync(vms["vm3"], "10.1.0.12");   // back across the router, ch3 → ch2

        // TCP across chassis and the router: a 1 MB HTTP transfer from vm3 (ch3, geneve) to vm1 (ch1, vxlan).
        await vms["vm3"].Netns.CheckAsync("dd", "if=/dev/urandom", $"of={dir.Path}/blob", "bs=1024", "count=1024");
        using (var server = System.Diagnostics.Process.Start("ip", ["netns", "exec", vms["vm3"].Netns.Name, "/usr/bin/python3", "-m", "http.server", "8080", "--bind", "0.0.0.0", "--directory", dir.Path]))
        {
            CommandResult curl;
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            do
            {
                curl = await vms["vm1"].ExecAsync(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{size_download}", "--max-time", "10", "http://10.2.0.13:8080/blob"]);
            }
            while (!curl.Stdout.StartsWith("200 ", StringComparison.Ordinal) && DateTime.UtcNow < until);
            curl.Stdout.Trim().ShouldBe("200 1048576");
        }

        // A remote device: a kernel VXLAN VTEP on the underlay, in the vxlan network.
        await using var vtep = await RemoteVtep.StartAsync(fabric, "172.31.0.100", vni: 101, "fa:16:3e:00:01:64", "10.1.0.100/24",
            peers: [chassis[0].UnderlayIp!, chassis[1].UnderlayIp!]);
        var deviceRevision = (await writer.CommitAsync(new NbTransaction().Create(OverlayModel.RemoteDevice("172.31.0.100")))).Revision;
        foreach (var c in controllers)
        {
            await c.WaitSyncedAsync(deviceRevision).WaitAsync(TimeSpan.FromSeconds(20));
        }
        await ShouldPingAsync(vtep, "10.1.0.11");          // device → vm1 on ch1
        await ShouldPingAsync(vtep, "10.1.0.12");          // device → vm2 on ch2
        var gone = (await writer.CommitAsync(new NbTransaction().Delete<LogicalPort>(OverlayModel.RemoteDeviceId))).Revision;
        foreach (var c in controllers)
        {
            await c.WaitSyncedAsync(gone).WaitAsync(TimeSpan.FromSeconds(20));
        }
        (await vtep.PingAsync("10.1.0.11", count: 2, waitSeconds: 1)).Succeeded.ShouldBeFalse("the device's port is deleted");

        // Chassis 3's controller stops; when its lease expires the others drop its ports' flows.
        var flowsOnCh1 = (await chassis[0].DumpFlowsAsync()).Count(f => f.Contains("172.31.0.3", StringComparison.Ordinal));
        flowsOnCh1.ShouldBeGreaterThan(0);
        await controllers[2].DisposeAsync();
        await WaitUntilAsync(async () => !(await chassis[0].DumpFlowsAsync()).Any(f => f.Contains("172.31.0.3", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30));
        (await vms["vm1"].PingAsync("10.2.0.13", count: 2, waitSeconds: 1)).Succeeded.ShouldBeFalse();
        await ShouldPingAsync(vms["vm1"], "10.1.0.12");
    }

    private static async Task ShouldPingAsync(NetworkHost from, string to)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        CommandResult r;
        do
        {
            r = await from.PingAsync(to, count: 2, interval: 0.2, waitSeconds: 1);
        }
        while (!r.Succeeded && DateTime.UtcNow < deadline);
        r.Succeeded.ShouldBeTrue($"{from} → {to}: {r}");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("condition not met in " + timeout);
            }
            await Task.Delay(250);
        }
    }
}
