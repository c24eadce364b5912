using Wyvern.Ovsdb.Bootstrap;
using Wyvern.Ovsdb.Rows;
using Wyvern.Ovsdb.Tests.Fixtures;
using Wyvern.Ovsdb.Transactions;

namespace Wyvern.Ovsdb.Tests.Ovs;

[Trait("Layer", "Ovs")]
public sealed class ChassisBootstrapTests : IAsyncLifetime
{
    private const string Db = "Open_vSwitch";
    private static readonly string[] AllTables = ["Open_vSwitch", "Bridge", "Port", "Interface", "Controller"];
    private readonly OvsdbServerProcess _server = new();
    private OvsdbClient _client = null!;

    private static ChassisBootstrapOptions Options => new()
    {
        IntegrationBridge = "br-int",
        DatapathType = "netdev",
        ControllerTarget = "unix:/tmp/wy-test/controller.sock",
        TunnelTypes = ["vxlan", "geneve"],
        LocalIp = "172.31.0.1",
        BridgeMappings = ChassisBootstrapOptions.ParseBridgeMappings("physnet1:br-ex"),
        SystemId = "chassis-1",
        Hostname = "ch1",
    };

    public async Task InitializeAsync() => _client = await OvsdbClient.ConnectAsync(_server.UnixEndpoint);

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        _server.Dispose();
    }

    [Fact]
    public async Task FreshDatabase_GetsTheWholeChassisShape()
    {
        var result = await ChassisBootstrap.RunAsync(_client, Options);
        result.Changed.ShouldBeTrue();
        result.SystemId.ShouldBe("chassis-1");

        _server.Vsctl("get", "Open_vSwitch", ".", "external_ids:system-id").Trim().ShouldBe("chassis-1");
        _server.Vsctl("get", "Open_vSwitch", ".", "external_ids:hostname").Trim().ShouldBe("ch1");
        _server.Vsctl("get", "Bridge", "br-int", "datapath_type", "fail_mode", "protocols", "other_config:disable-in-band")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(["netdev", "secure", "[OpenFlow13]", "\"true\""]);
        _server.Vsctl("get-controller", "br-int").Trim().ShouldBe("unix:/tmp/wy-test/controller.sock");
        _server.Vsctl("list-ports", "br-int").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .ShouldBe(["geneve-vt", "int-br-ex", "vxlan-vt"], ignoreOrder: true);
        _server.Vsctl("get", "Interface", "vxlan-vt", "type", "options:remote_ip", "options:key", "options:local_ip")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(["vxlan", "flow", "flow", "\"172.31.0.1\""]);
        _server.Vsctl("get", "Interface", "int-br-ex", "type", "options:peer").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .ShouldBe(["patch", "phy-br-ex"]);
        _server.Vsctl("get", "Interface", "phy-br-ex", "type", "options:peer").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .ShouldBe(["patch", "int-br-ex"]);
        _server.Vsctl("port-to-br", "phy-br-ex").Trim().ShouldBe("br-ex");
    }

    [Fact]
    public async Task ItReadsOnlyThePortsItManages_AndWhatTheyReference()
    {
        await ChassisBootstrap.RunAsync(_client, Options);
        var vms = Enumerable.Range(0, 40).SelectMany(i => new[] { "--", "add-port", "br-int", $"tap{i}", "--", "set", "Interface", $"tap{i}", "type=internal" });
        _server.Vsctl([.. vms.Skip(1)]);
        // A tunnel port under a name of its own: found through its interface, in a second read.
        _server.Vsctl("add-port", "br-int", "vx-other", "--", "set", "Interface", "vx-other", "type=vxlan",
            "options:remote_ip=flow", "options:key=flow");

        var state = await ChassisState.ReadAsync(_client, Options, CancellationToken.None);

        state.Interfaces.Values.Select(i => i.Name).ShouldBe(["geneve-vt", "int-br-ex", "phy-br-ex", "vx-other", "vxlan-vt"], ignoreOrder: true);
        state.Ports.Values.Select(p => p.Name).ShouldBe(["geneve-vt", "int-br-ex", "phy-br-ex", "vx-other", "vxlan-vt"], ignoreOrder: true);
        state.Bridge("br-int")!.Ports.Count.ShouldBe(45); // 40 taps, 3 tunnel ports, the patch, br-int's own
        (await ChassisBootstrap.RunAsync(_client, Options)).Changes.ShouldBe(["remove port vx-other from br-int"]);
    }

    [Fact]
    public async Task SecondRun_ChangesNothing_NoWriteAndEveryRowVersionUnchanged()
    {
        await ChassisBootstrap.RunAsync(_client, Options);
        var before = await RowVersionsAsync();

        var second = await ChassisBootstrap.RunAsync(_client, Options);

        second.Changes.ShouldBeEmpty();
        (await RowVersionsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task ExistingBridgeFromOvsVsctl_IsCompletedOnce_ThenLeftAlone()
    {
        _server.Vsctl("init");
        _server.Vsctl("set", "Open_vSwitch", ".", "external_ids:system-id=already-there");
        _server.Vsctl("add-br", "br-int");
        var result = await ChassisBootstrap.RunAsync(_client, Options);
        result.SystemId.ShouldBe("already-there");
        result.Changes.ShouldContain("set datapath_type, fail_mode on br-int");
        _server.Vsctl("get", "Open_vSwitch", ".", "external_ids:hostname").Trim().ShouldBe("ch1");
        _server.Vsctl("get", "Open_vSwitch", ".", "external_ids:system-id").Trim().ShouldBe("already-there");

        var versions = await RowVersionsAsync();
        (await ChassisBootstrap.RunAsync(_client, Options)).Changes.ShouldBeEmpty();
        (await RowVersionsAsync()).ShouldBe(versions);
    }

    [Fact]
    public async Task EmptyDatapathType_CountsAsSystem()
    {
        _server.Vsctl("init");
        _server.Vsctl("set", "Open_vSwitch", ".", "external_ids:system-id=chassis-1", "external_ids:hostname=ch1");
        _server.Vsctl("add-br", "br-int", "--", "set", "Bridge", "br-int", "fail_mode=secure", "protocols=OpenFlow13",
            "other_config:disable-in-band=true");
        var result = await ChassisBootstrap.RunAsync(_client, Options with
        {
            DatapathType = "system", ControllerTarget = null, TunnelTypes = [], BridgeMappings = new Dictionary<string, string>(),
        });
        result.Changes.ShouldBeEmpty();
    }

    [Fact]
    public async Task TunnelTypes_RemovedTypeLosesItsPort_KeptTypeIsUntouched_AddedTypeGetsOne()
    {
        await ChassisBootstrap.RunAsync(_client, Options);
        var vxlan = await InterfaceVersionAsync("vxlan-vt");

        var removed = await ChassisBootstrap.RunAsync(_client, Options with { TunnelTypes = ["vxlan"] });
        removed.Changes.ShouldBe(["remove port geneve-vt from br-int"]);
        (await InterfaceVersionAsync("geneve-vt")).ShouldBeNull();
        (await InterfaceVersionAsync("vxlan-vt")).ShouldBe(vxlan);

        var added = await ChassisBootstrap.RunAsync(_client, Options with { TunnelTypes = ["vxlan", "gre"] });
        added.Changes.ShouldBe(["add port gre-vt to br-int"]);
        (await InterfaceVersionAsync("vxlan-vt")).ShouldBe(vxlan);
        _server.Vsctl("get", "Interface", "gre-vt", "type").Trim().ShouldBe("gre");
    }

    [Fact]
    public async Task SecondTunnelPortOfOneType_IsRemoved_SoExactlyOneRemains()
    {
        await ChassisBootstrap.RunAsync(_client, Options);
        _server.Vsctl("add-port", "br-int", "vxlan-extra", "--", "set", "Interface", "vxlan-extra", "type=vxlan",
            "options:remote_ip=flow", "options:key=flow");
        var result = await ChassisBootstrap.RunAsync(_client, Options);
        result.Changes.ShouldBe(["remove port vxlan-extra from br-int"]);
        _server.Vsctl("list-ports", "br-int").ShouldNotContain("vxlan-extra");
    }

    [Fact]
    public async Task ChangedControllerTarget_IsUpdatedInPlace_NeverRemovedAndReAdded()
    {
        await ChassisBootstrap.RunAsync(_client, Options);
        var controllerBefore = _server.Vsctl("get", "Bridge", "br-int", "controller").Trim();

        var result = await ChassisBootstrap.RunAsync(_client, Options with { ControllerTarget = "tcp:127.0.0.1:6653" });

        result.Changes.ShouldBe(["retarget controller of br-int to tcp:127.0.0.1:6653"]);
        _server.Vsctl("get", "Bridge", "br-int", "controller").Trim().ShouldBe(controllerBefore);
        _server.Vsctl("get-controller", "br-int").Trim().ShouldBe("tcp:127.0.0.1:6653");
    }

    [Fact]
    public async Task RemovedBridgeMapping_RemovesBothPatchEnds()
    {
        await ChassisBootstrap.RunAsync(_client, Options);
        var result = await ChassisBootstrap.RunAsync(_client, Options with { BridgeMappings = new Dictionary<string, string>() });
        result.Changes.ShouldBe(["remove port int-br-ex from br-int", "remove port phy-br-ex from br-ex"], ignoreOrder: true);
        _server.Vsctl("list-ports", "br-ex").Trim().ShouldBeEmpty();
    }

    [Fact]
    public void BadConfiguration_IsRejectedBeforeTouchingTheDatabase()
    {
        Should.Throw<ArgumentException>(() => (Options with { TunnelTypes = ["stt"] }).Validate());
        Should.Throw<ArgumentException>(() => (Options with { LocalIp = null }).Validate());
        Should.Throw<FormatException>(() => ChassisBootstrapOptions.ParseBridgeMappings("physnet1"));
        Should.Throw<FormatException>(() => ChassisBootstrapOptions.ParseBridgeMappings("a:br-a,a:br-b"));
    }

    private async Task<Dictionary<Guid, Guid>> RowVersionsAsync()
    {
        var result = await _client.TransactAsync(Db, [.. AllTables.Select(t => OvsdbOperation.Select(t, [], ["_uuid", "_version"]))]);
        return result.Results.SelectMany(r => r.Rows).ToDictionary(r => r.Uuid, r => r["_version"].Keys[0].AsUuid);
    }

    private async Task<Guid?> InterfaceVersionAsync(string name)
    {
        var rows = (await _client.TransactAsync(Db,
            [OvsdbOperation.Select(InterfaceRow.Table, [OvsdbCondition.Equal("name", name)], ["_version"])]))[0].Rows;
        return rows.Count == 0 ? null : rows[0]["_version"].Keys[0].AsUuid;
    }
}
