using System.Net;
using Wyvern.Controller;
using Wyvern.Model;
using Wyvern.Northbound;
using Wyvern.Northbound.Embedded;
using Wyvern.Testing;
using Wyvern.Testing.Harness;
using Xunit.Abstractions;
using Chassis = Wyvern.Testing.Harness.Chassis;

namespace Wyvern.EndToEnd.Tests.Controller;

/// <summary>A tunnel type removed from a chassis's configuration and added back, across controller restarts.</summary>
[Trait("Layer", Layer.EndToEnd)]
public sealed class TunnelTypeChangeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TunnelTypeRemovedAtRestart_PortDeleted_TrafficStops_AddedBack_TrafficFlows()
    {
        await using var lab = new Lab();
        var fabric = await lab.AddFabricAsync();
        var ch1 = await lab.AddChassisAsync(new ChassisOptions { CreateIntegrationBridge = false });
        var ch2 = await lab.AddChassisAsync(new ChassisOptions { CreateIntegrationBridge = false });
        await ch1.AttachUnderlayAsync(fabric, Fabric.Address(1));
        await ch2.AttachUnderlayAsync(fabric, Fabric.Address(2));
        var store = lab.Own(EmbeddedNbStore.Open(Path.Combine(ch1.RunDir, "nb.db")));
        await store.CommitAsync(new NbTransaction()
            .Create(OpenSecurityGroup.Group)
            .Create(new LogicalSwitch { Id = "gn", Key = 1, NetworkType = NetworkType.Geneve, SegmentationId = 77 })
            .Create(new Subnet { Id = "gn-sub", NetworkId = "gn", Cidr = IPNetwork.Parse("10.7.0.0/24") })
            .Create(Port("f1000001-0000-4000-8000-000000000001", 11, "fa:16:3e:00:07:01", "10.7.0.11"))
            .Create(Port("f2000002-0000-4000-8000-000000000002", 12, "fa:16:3e:00:07:02", "10.7.0.12")));
        await StartAsync(lab, store, ch1, [TunnelType.Vxlan, TunnelType.Geneve]);
        var ch2Controller = await StartAsync(lab, store, ch2, [TunnelType.Vxlan, TunnelType.Geneve]);
        await ch1.SeedTunnelNeighbourAsync(ch2);
        await ch2.SeedTunnelNeighbourAsync(ch1);
        var vm1 = await lab.AddVmAsync(ch1, "f1000001-0000-4000-8000-000000000001", "fa:16:3e:00:07:01", "10.7.0.11/24");
        await lab.AddVmAsync(ch2, "f2000002-0000-4000-8000-000000000002", "fa:16:3e:00:07:02", "10.7.0.12/24");
        (await PingUntilAsync(vm1, "10.7.0.12", expect: true)).ShouldBeTrue();

        // Restart ch2's controller without geneve: its port goes, ch1 stops sending it geneve traffic.
        await ch2Controller.DisposeAsync();
        ch2Controller = await StartAsync(lab, store, ch2, [TunnelType.Vxlan]);
        (await ch2.VsctlAsync("--bare", "--columns=name", "find", "Interface", "type=geneve")).Trim().ShouldBeEmpty();
        (await PingUntilAsync(vm1, "10.7.0.12", expect: false)).ShouldBeTrue("no geneve port on ch2: the network cannot reach it");
        (await ch1.DumpFlowsAsync()).ShouldNotContain(f => f.Contains("172.31.0.2", StringComparison.Ordinal));

        // Back with geneve: a new port, and flows follow its ofport.
        await ch2Controller.DisposeAsync();
        await StartAsync(lab, store, ch2, [TunnelType.Vxlan, TunnelType.Geneve]);
        (await ch2.VsctlAsync("--bare", "--columns=name", "find", "Interface", "type=geneve")).Trim().ShouldBe("geneve-vt");
        (await PingUntilAsync(vm1, "10.7.0.12", expect: true)).ShouldBeTrue();
    }

    private async Task<ChassisController> StartAsync(Lab lab, INbStore store, Chassis ch, TunnelType[] types)
    {
        var controller = lab.Own(new ChassisController(store, HarnessControllerOptions.For(ch, types), new TestOutputLogger(output, ch.Name)));
        await controller.StartAsync();
        await controller.WaitSyncedAsync(0).WaitAsync(TimeSpan.FromSeconds(20));
        return controller;
    }

    /// <summary>Pings until the outcome is <paramref name="expect"/> (true: replies come back; false: none do), for up to 20 s.</summary>
    private static async Task<bool> PingUntilAsync(Vm from, string to, bool expect)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if ((await from.PingAsync(to, count: 1, waitSeconds: 1)).Succeeded == expect)
            {
                return true;
            }
            await Task.Delay(200);
        }
        return false;
    }

    private static LogicalPort Port(string id, int key, string mac, string ip) => new()
    {
        Id = id,
        Key = key,
        NetworkId = "gn",
        MacAddress = MacAddress.Parse(mac),
        FixedIps = [new FixedIp("gn-sub", IPAddress.Parse(ip))],
        DeviceOwner = "compute:nova",
        SecurityGroupIds = [OpenSecurityGroup.Id],
    };
}
