using Wyvern.Testing;
using Wyvern.Testing.Harness;

namespace Wyvern.EndToEnd.Tests.Harness;

/// <summary>The harness across two chassis: a VXLAN virtual tunnel port (<c>remote_ip=flow</c>) over the underlay fabric.</summary>
[Trait("Layer", Layer.EndToEnd)]
public sealed class TwoChassisTunnelTests
{
    private const int TunnelOfPort = 100;
    private const int Vni = 5001;

    [Fact]
    public async Task TwoChassis_VxlanVirtualTunnelPort_Ping()
    {
        await using var lab = new Lab();
        var fabric = await lab.AddFabricAsync();
        var ch1 = await lab.AddChassisAsync();
        var ch2 = await lab.AddChassisAsync();
        await ch1.AttachUnderlayAsync(fabric, Fabric.Address(1));
        await ch2.AttachUnderlayAsync(fabric, Fabric.Address(2));
        foreach (var ch in new[] { ch1, ch2 })
        {
            await ch.VsctlAsync("add-port", "br-int", "vxlan-vt", "--", "set", "Interface", "vxlan-vt", "type=vxlan",
                "options:remote_ip=flow", "options:key=flow", $"options:local_ip={ch.UnderlayIp}", $"ofport_request={TunnelOfPort}");
            await ch.WaitOfPortAsync("vxlan-vt");
        }
        await ch1.SeedTunnelNeighbourAsync(ch2);
        await ch2.SeedTunnelNeighbourAsync(ch1);

        var vm1 = await lab.AddVmAsync(ch1, "4d000004-0000-4000-8000-000000000004", "fa:16:3e:00:01:01", "10.10.0.11/24");
        var vm2 = await lab.AddVmAsync(ch2, "5e000005-0000-4000-8000-000000000005", "fa:16:3e:00:01:02", "10.10.0.12/24");
        await InstallL2OverTunnelAsync(ch1, await vm1.OfPortAsync(), vm1.Mac, ch2.UnderlayIp!, vm2.Mac);
        await InstallL2OverTunnelAsync(ch2, await vm2.OfPortAsync(), vm2.Mac, ch1.UnderlayIp!, vm1.Mac);

        var ping = await vm1.PingAsync("10.10.0.12", count: 3);
        ping.Succeeded.ShouldBeTrue(ping.ToString());
        ping.Stdout.ShouldContain("3 received");
        // The packets really went through the tunnel port, with our VNI.
        var flows = await ch1.DumpFlowsAsync();
        flows.ShouldContain(f => f.Contains($"in_port={TunnelOfPort}", StringComparison.Ordinal));
        var stats = await ch1.OfctlAsync("dump-flows", "br-int", $"in_port={TunnelOfPort},tun_id={Vni}");
        stats.ShouldNotContain("n_packets=0,");
    }

    private static Task InstallL2OverTunnelAsync(Chassis ch, int vmPort, string localMac, string remoteIp, string remoteMac) =>
        ch.AddFlowsAsync([
            $"table=0,priority=100,in_port={vmPort},actions=goto_table:10",
            $"table=0,priority=100,in_port={TunnelOfPort},tun_id={Vni},actions=goto_table:20",
            $"table=10,priority=100,dl_dst={remoteMac},actions=set_field:{Vni}->tun_id,set_field:{remoteIp}->tun_dst,output:{TunnelOfPort}",
            $"table=10,priority=90,dl_dst=01:00:00:00:00:00/01:00:00:00:00:00,actions=set_field:{Vni}->tun_id,set_field:{remoteIp}->tun_dst,output:{TunnelOfPort}",
            $"table=20,priority=100,dl_dst={localMac},actions=output:{vmPort}",
            $"table=20,priority=90,dl_dst=01:00:00:00:00:00/01:00:00:00:00:00,actions=output:{vmPort}",
        ]);
}
