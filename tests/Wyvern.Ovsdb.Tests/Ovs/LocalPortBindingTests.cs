using Wyvern.Ovsdb.Binding;
using Wyvern.Ovsdb.Bootstrap;
using Wyvern.Ovsdb.Rpc;
using Wyvern.Ovsdb.Tests.Fixtures;
using Wyvern.Testing;
using Wyvern.Testing.Harness;

namespace Wyvern.Ovsdb.Tests.Ovs;

/// <summary>Ofports come from ovs-vswitchd, so these run a whole chassis (its own namespace,
/// ovsdb-server and userspace-datapath vswitchd) from the shared harness.</summary>
[Trait("Layer", Layer.Ovs)]
public sealed class LocalPortBindingTests : IAsyncLifetime
{
    private const string PortA = "a1000001-0000-4000-8000-000000000001";
    private const string PortB = "b2000002-0000-4000-8000-000000000002";
    private Chassis _chassis = null!;
    private OvsdbClient _client = null!;

    public async Task InitializeAsync()
    {
        HostRequirements.EnsureRealOvs();
        _chassis = await Chassis.StartAsync(new ChassisOptions { CreateIntegrationBridge = false });
        _client = await OvsdbClient.ConnectAsync(OvsdbEndpoint.Unix(_chassis.DbSocket), new OvsdbClientOptions
        {
            ReconnectMinDelay = TimeSpan.FromMilliseconds(20),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        });
        await ChassisBootstrap.RunAsync(_client, new ChassisBootstrapOptions
        {
            DatapathType = "netdev",
            ControllerTarget = _chassis.ControllerTarget,
            TunnelTypes = ["vxlan", "geneve"],
            LocalIp = "172.31.0.1",
            SystemId = _chassis.SystemId,
            Hostname = _chassis.Name,
        });
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
    public async Task TunnelPorts_AppearWithTheirTypeAndTheOfportVswitchdGaveThem()
    {
        await using var binding = await LocalPortBindingMonitor.StartAsync(_client);
        var vxlanOfport = await _chassis.WaitOfPortAsync("vxlan-vt");
        var geneveOfport = await _chassis.WaitOfPortAsync("geneve-vt");
        await OvsProcesses.WaitUntilAsync(() => binding.View.TunnelPorts.Count == 2, "both tunnel ports to be ready");

        binding.View.TunnelPorts["vxlan"].Ofport.ShouldBe(vxlanOfport);
        binding.View.TunnelPorts["geneve"].Ofport.ShouldBe(geneveOfport);
        binding.View.VmPorts.ShouldBeEmpty();
    }

    [Fact]
    public async Task VmPluggedThenUnplugged_GivesPluggedThenUnplugged_WithIfaceIdMacAndOfport()
    {
        await using var binding = await LocalPortBindingMonitor.StartAsync(_client);
        var reader = new BindingReader(binding);

        var vm = await Vm.PlugAsync(_chassis, PortA, "fa:16:3e:00:00:0a");
        var ofport = await vm.OfPortAsync();
        var plugged = (await reader.UntilAsync(e => e.Port.NeutronPortId == PortA)).Where(e => e.Port.NeutronPortId == PortA).ToList();
        var plug = plugged.ShouldHaveSingleItem();
        plug.Kind.ShouldBe(LocalPortEventKind.Plugged);
        plug.Port.Kind.ShouldBe(LocalPortKind.Vm);
        plug.Port.Ofport.ShouldBe(ofport);
        plug.Port.AttachedMac.ShouldBe("fa:16:3e:00:00:0a");
        plug.Port.Name.ShouldBe(vm.TapName);
        binding.View.FindVmPort(PortA)!.Ofport.ShouldBe(ofport);

        await vm.DisposeAsync();
        var after = await reader.UntilAsync(e => e.Kind == LocalPortEventKind.Unplugged && e.Port.NeutronPortId == PortA);
        after.Where(e => e.Port.NeutronPortId == PortA && e.Kind != LocalPortEventKind.Updated).Select(e => e.Kind)
            .ShouldBe([LocalPortEventKind.Unplugged]);
        binding.View.FindVmPort(PortA).ShouldBeNull();
    }

    [Fact]
    public async Task InterfaceWithoutADevice_GetsOfportMinusOne_AndIsNotAPort()
    {
        await using var binding = await LocalPortBindingMonitor.StartAsync(_client);
        var reader = new BindingReader(binding);
        await _chassis.VsctlAsync("add-port", "br-int", "tapnosuchdev", "--", "set", "Interface", "tapnosuchdev",
            $"external_ids:iface-id={PortB}");
        var vm = await Vm.PlugAsync(_chassis, PortA, "fa:16:3e:00:00:0a");

        var events = await reader.UntilAsync(e => e.Port.NeutronPortId == PortA);
        (await _chassis.VsctlAsync("get", "Interface", "tapnosuchdev", "ofport")).Trim().ShouldBe("-1");
        events.ShouldNotContain(e => e.Port.NeutronPortId == PortB);
        binding.View.FindVmPort(PortB).ShouldBeNull();
        await vm.DisposeAsync();
    }

    [Fact]
    public async Task TunnelOfportChange_IsAnOfportChangedEvent()
    {
        await using var binding = await LocalPortBindingMonitor.StartAsync(_client);
        var reader = new BindingReader(binding);
        var before = await _chassis.WaitOfPortAsync("vxlan-vt");
        await OvsProcesses.WaitUntilAsync(() => binding.View.TunnelPorts.ContainsKey("vxlan"), "vxlan-vt to be ready");

        await _chassis.VsctlAsync("set", "Interface", "vxlan-vt", "ofport_request=100");

        var events = await reader.UntilAsync(e => e.Kind == LocalPortEventKind.OfportChanged && e.Port.TunnelType == "vxlan");
        var change = events.Last(e => e.Port.TunnelType == "vxlan");
        change.Previous!.Ofport.ShouldBe(before);
        change.Port.Ofport.ShouldBe(100);
        binding.View.TunnelPorts["vxlan"].Ofport.ShouldBe(100);
    }

    [Fact]
    public async Task OvsdbServerRestart_ResyncKeepsTheViewEqualToTheSwitch_AndEventsResume()
    {
        var vm = await Vm.PlugAsync(_chassis, PortA, "fa:16:3e:00:00:0a");
        var ofport = await vm.OfPortAsync();
        await using var binding = await LocalPortBindingMonitor.StartAsync(_client);
        var reader = new BindingReader(binding);
        binding.View.FindVmPort(PortA)!.Ofport.ShouldBe(ofport);

        await _chassis.KillOvsdbServerAsync();
        await OvsProcesses.WaitUntilAsync(() => !_client.IsConnected, "the client to lose the server");
        await _chassis.StartOvsdbServerAsync();

        LocalPortBatch resync;
        do
        {
            resync = await reader.NextAsync();
        }
        while (!resync.IsResync);
        resync.View.FindVmPort(PortA)!.Ofport.ShouldBe(ofport);
        resync.View.TunnelPorts.Keys.ShouldBe(["geneve", "vxlan"], ignoreOrder: true);

        var vm2 = await Vm.PlugAsync(_chassis, PortB, "fa:16:3e:00:00:0b");
        var events = await reader.UntilAsync(e => e.Kind == LocalPortEventKind.Plugged && e.Port.NeutronPortId == PortB);
        events.Last().Port.Ofport.ShouldBe(await vm2.OfPortAsync());
        await vm2.DisposeAsync();
        await vm.DisposeAsync();
    }
}
