using Wyvern.Ovsdb.Monitoring;
using Wyvern.Ovsdb.Tests.Fixtures;
using Wyvern.Ovsdb.Transactions;

namespace Wyvern.Ovsdb.Tests.Ovs;

[Trait("Layer", "Ovs")]
public sealed class MonitorTests : IAsyncLifetime
{
    private const string Db = "Open_vSwitch";
    private readonly OvsdbServerProcess _server = new();
    private OvsdbClient _client = null!;

    public async Task InitializeAsync()
    {
        _server.Vsctl("init");
        _server.Vsctl("add-br", "wy-br0");
        _client = await OvsdbClient.ConnectAsync(_server.UnixEndpoint, new OvsdbClientOptions
        {
            ReconnectMinDelay = TimeSpan.FromMilliseconds(20),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
            EchoInterval = TimeSpan.FromSeconds(1),
        });
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        _server.Dispose();
    }

    [Fact]
    public async Task Snapshot_HoldsExistingRows_WithDefaultsFilledFromTheSchema()
    {
        await using var monitor = await _client.MonitorAsync(Db, [new OvsdbMonitorRequest("Bridge"), new OvsdbMonitorRequest("Interface")]);
        var reader = new MonitorReader(monitor);
        var initial = await reader.NextAsync();

        initial.Kind.ShouldBe(OvsdbMonitorUpdateKind.Initial);
        var bridge = monitor.View.Table("Bridge").Values.ShouldHaveSingleItem();
        bridge.GetString("name").ShouldBe("wy-br0");
        bridge.GetString("datapath_type").ShouldBe("");        // a default the server omitted
        bridge["fail_mode"].Count.ShouldBe(0);                  // an empty optional column
        monitor.View.Table("Interface").Values.ShouldHaveSingleItem().GetString("name").ShouldBe("wy-br0");
        initial.Changes.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Updates_ArriveAsInsertModifyDelete_AndTheChangesAloneReproduceTheView()
    {
        await using var monitor = await _client.MonitorAsync(Db, [new OvsdbMonitorRequest("Interface", ["name", "type", "options", "external_ids", "ofport"])]);
        var reader = new MonitorReader(monitor);
        await reader.NextAsync();

        _server.Vsctl("add-port", "wy-br0", "wy-p1", "--", "set", "Interface", "wy-p1", "external_ids:iface-id=port-1", "ofport_request=7");
        var insert = await reader.NextAsync();
        var inserted = insert.Changes.ShouldHaveSingleItem();
        inserted.Kind.ShouldBe(OvsdbRowChangeKind.Insert);
        inserted.New!.GetStringMap("external_ids")["iface-id"].ShouldBe("port-1");

        // Map diff: one key changed, one added, one removed in one transaction.
        _server.Vsctl("set", "Interface", "wy-p1", "external_ids:iface-id=port-2", "external_ids:attached-mac=fa:16:3e:00:00:01",
            "type=internal");
        var modify = (await reader.NextAsync()).Changes.ShouldHaveSingleItem();
        modify.Kind.ShouldBe(OvsdbRowChangeKind.Modify);
        modify.New!.GetStringMap("external_ids").OrderBy(p => p.Key).ShouldBe(
            [KeyValuePair.Create("attached-mac", "fa:16:3e:00:00:01"), KeyValuePair.Create("iface-id", "port-2")]);
        modify.New.GetString("type").ShouldBe("internal");
        modify.Old!.GetString("type").ShouldBe("");

        _server.Vsctl("remove", "Interface", "wy-p1", "external_ids", "attached-mac");
        (await reader.NextAsync()).Changes.Single().New!.GetStringMap("external_ids").Keys.ShouldBe(["iface-id"]);

        _server.Vsctl("del-port", "wy-br0", "wy-p1");
        (await reader.NextAsync()).Changes.ShouldHaveSingleItem().Kind.ShouldBe(OvsdbRowChangeKind.Delete);

        reader.Replica.Values.ShouldBe(monitor.View.Table("Interface").Values, ignoreOrder: true);
    }

    [Fact]
    public async Task SetDiff_AddsAndRemovesElements()
    {
        await using var monitor = await _client.MonitorAsync(Db, [new OvsdbMonitorRequest("Bridge", ["name", "protocols"])]);
        var reader = new MonitorReader(monitor);
        await reader.NextAsync();

        _server.Vsctl("set", "Bridge", "wy-br0", "protocols=OpenFlow10,OpenFlow13");
        (await reader.NextAsync()).Changes.Single().New!.GetStrings("protocols").ShouldBe(["OpenFlow10", "OpenFlow13"]);
        _server.Vsctl("set", "Bridge", "wy-br0", "protocols=OpenFlow13,OpenFlow15");
        (await reader.NextAsync()).Changes.Single().New!.GetStrings("protocols").ShouldBe(["OpenFlow13", "OpenFlow15"]);
    }

    [Fact]
    public async Task ConditionalMonitor_SeesOnlyMatchingRows()
    {
        await using var monitor = await _client.MonitorAsync(Db,
            [new OvsdbMonitorRequest("Bridge", ["name"], [OvsdbCondition.Equal("name", "wy-br1")])]);
        var reader = new MonitorReader(monitor);
        (await reader.NextAsync()).Changes.ShouldBeEmpty();

        _server.Vsctl("add-br", "wy-br2");
        _server.Vsctl("add-br", "wy-br1");
        var update = await reader.NextAsync();
        update.Changes.ShouldHaveSingleItem().New!.GetString("name").ShouldBe("wy-br1");
    }

    [Fact]
    public async Task ServerKilledAndRestarted_ClientReconnects_AndResyncMakesItsViewMatchTheDatabase()
    {
        await using var monitor = await _client.MonitorAsync(Db, [new OvsdbMonitorRequest("Bridge", ["name", "external_ids"])]);
        var reader = new MonitorReader(monitor);
        await reader.NextAsync();
        _server.Vsctl("add-br", "wy-gone");
        _server.Vsctl("add-br", "wy-kept");
        await reader.NextAsync();
        await reader.NextAsync();
        var generation = _client.ConnectionGeneration;

        _server.Kill();
        await OvsProcesses.WaitUntilAsync(() => !_client.IsConnected, "the client to notice the server is gone");

        // While the client is away, the database changes behind its back (ovsdb-tool works
        // offline on the file): one bridge deleted, one modified, one added.
        var gone = monitor.View.Table("Bridge").Values.Single(r => r.GetString("name") == "wy-gone").Uuid;
        OvsdbOffline.Transact(_server.DbPath,
            $$$"""
            ["Open_vSwitch",
             {"op":"mutate","table":"Open_vSwitch","where":[],"mutations":[["bridges","delete",["uuid","{{{gone}}}"]]]},
             {"op":"delete","table":"Bridge","where":[["name","==","wy-gone"]]},
             {"op":"update","table":"Bridge","where":[["name","==","wy-kept"]],"row":{"external_ids":["map",[["k","v"]]]}},
             {"op":"insert","table":"Bridge","row":{"name":"wy-new"},"uuid-name":"n"},
             {"op":"mutate","table":"Open_vSwitch","where":[],"mutations":[["bridges","insert",["set",[["named-uuid","n"]]]]]}]
            """);
        _server.Start();

        var resync = await reader.NextOfKindAsync(OvsdbMonitorUpdateKind.Resync);
        _client.ConnectionGeneration.ShouldBeGreaterThan(generation);
        resync.Changes.Select(c => (c.Kind, (c.New ?? c.Old)!.GetString("name"))).ShouldBe(
            [(OvsdbRowChangeKind.Delete, "wy-gone"), (OvsdbRowChangeKind.Modify, "wy-kept"), (OvsdbRowChangeKind.Insert, "wy-new")],
            ignoreOrder: true);

        var truth = (await _client.TransactAsync(Db, [OvsdbOperation.Select("Bridge", [], ["_uuid", "name", "external_ids"])]))[0].Rows;
        truth.Select(r => r.Uuid).ShouldBe(monitor.View.Table("Bridge").Keys, ignoreOrder: true);
        reader.Replica.Keys.Select(k => k.Uuid).ShouldBe(truth.Select(r => r.Uuid), ignoreOrder: true);
        foreach (var row in truth)
        {
            var seen = monitor.View.Row("Bridge", row.Uuid)!;
            seen.GetString("name").ShouldBe(row.GetString("name"));
            seen["external_ids"].ShouldBe(row["external_ids"]);
        }

        // And it keeps following changes on the new session.
        _server.Vsctl("del-br", "wy-kept");
        (await reader.NextOfKindAsync(OvsdbMonitorUpdateKind.Update)).Changes.Single().Kind.ShouldBe(OvsdbRowChangeKind.Delete);
    }

    [Fact]
    public async Task MonitorCancel_StopsUpdates()
    {
        var monitor = await _client.MonitorAsync(Db, [new OvsdbMonitorRequest("Bridge", ["name"])]);
        var reader = new MonitorReader(monitor);
        await reader.NextAsync();
        await monitor.DisposeAsync();
        _server.Vsctl("add-br", "wy-after");
        (await _client.EchoAsync(["sync"])).ShouldBe(["sync"]);
        monitor.View.Table("Bridge").Count.ShouldBe(1);
        monitor.Updates.Completion.IsCompleted.ShouldBeTrue();
    }
}
