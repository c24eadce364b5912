using Wyvern.Ovsdb.Errors;
using Wyvern.Ovsdb.Monitoring;
using Wyvern.Ovsdb.Tests.Fixtures;
using Wyvern.Ovsdb.Transactions;
using Wyvern.Ovsdb.Values;

namespace Wyvern.Ovsdb.Tests.Unit;

/// <summary>Golden JSON exchanges with a scripted server, mostly the error paths a real server
/// rarely shows on demand.</summary>
[Trait("Layer", "Unit")]
public sealed class ScriptedExchangeTests : IAsyncLifetime
{
    private const string BridgeUuid = "36b1e5c3-0fcb-4ab8-9b1e-5d5e0a3c7a11";
    private const string Other = "9b3c8a7e-4f5d-4c2b-8a1e-0d9f8e7c6b5a";
    private readonly ScriptedOvsdbServer _server = new();
    private OvsdbClient _client = null!;

    public async Task InitializeAsync()
    {
        _server.Define("@BRIDGE@", BridgeUuid);
        _server.Define("@OTHER@", Other);
        var connect = OvsdbClient.ConnectAsync(_server.Endpoint, ScriptedOvsdbServer.QuietClient);
        await _server.AcceptAsync();
        _client = await connect;
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Transact_WritesTheRfcRequest_AndAFailedOperationNamesItsIndexAndOp()
    {
        var call = _client.TransactAsync("Open_vSwitch",
        [
            OvsdbOperation.Insert("Bridge", new Dictionary<string, OvsdbValue>
            {
                ["name"] = "br-int",
                ["ports"] = OvsdbValue.Set(OvsdbAtom.NamedUuid("p")),
                ["external_ids"] = OvsdbValue.StringMap([KeyValuePair.Create("k", "v")]),
            }, "br"),
            OvsdbOperation.Wait("Bridge", [OvsdbCondition.Equal("name", "br-int")], ["name"], [], "!=", 0),
        ]);
        var id = await _server.ExpectAsync("""
            {"method":"transact","id":"*","params":["Open_vSwitch",
              {"op":"insert","table":"Bridge","row":{"name":"br-int","ports":["named-uuid","p"],
               "external_ids":["map",[["k","v"]]]},"uuid-name":"br"},
              {"op":"wait","table":"Bridge","timeout":0,"where":[["name","==","br-int"]],"columns":["name"],"until":"!=","rows":[]}]}
            """);
        await _server.ReplyAsync(id, """[{"uuid":["uuid","@BRIDGE@"]},{"error":"timed out","details":"\"wait\" timed out"}]""");

        var error = await Should.ThrowAsync<OvsdbTransactionException>(() => call);
        error.Kind.ShouldBe(OvsdbErrorKind.TimedOut);
        error.OperationIndex.ShouldBe(1);
        error.Operation.ShouldBe("wait");
        error.Details.ShouldBe("\"wait\" timed out");
    }

    [Fact]
    public async Task Transact_ErrorAfterTheLastOperation_IsACommitFailure()
    {
        var call = _client.TransactAsync("Open_vSwitch", [OvsdbOperation.Delete("Port", [OvsdbCondition.RowIs(Guid.Parse(BridgeUuid))])]);
        var id = await _server.ExpectAsync("""
            {"method":"transact","id":"*","params":["Open_vSwitch",{"op":"delete","table":"Port","where":[["_uuid","==",["uuid","@BRIDGE@"]]]}]}
            """);
        await _server.ReplyAsync(id, """[{"count":1},{"error":"referential integrity violation","details":"cannot delete Port row because of 1 remaining reference(s)"}]""");

        var error = await Should.ThrowAsync<OvsdbTransactionException>(() => call);
        error.Kind.ShouldBe(OvsdbErrorKind.ReferentialIntegrityViolation);
        error.OperationIndex.ShouldBeNull();
        error.Operation.ShouldBe("commit");
        error.Message.ShouldContain("remaining reference");
    }

    [Fact]
    public async Task Transact_SelectRows_AreReadFromTheReply_WhateverTheMemberOrder()
    {
        var call = _client.TransactAsync("Open_vSwitch", [OvsdbOperation.Select("Bridge", [], ["_uuid", "name", "ports"])]);
        var id = await _server.ExpectAsync("""
            {"method":"transact","id":"*","params":["Open_vSwitch",{"op":"select","table":"Bridge","where":[],"columns":["_uuid","name","ports"]}]}
            """);
        // The envelope's members in another order than ovsdb-server writes them, with one we do not know.
        await _server.SendAsync($$"""
            {"error":null,"extra":{"a":[1,{"b":2}]},"result":[{"rows":[
              {"_uuid":["uuid","@BRIDGE@"],"name":"br-int","ports":["set",[["uuid","@OTHER@"]]]},
              {"_uuid":["uuid","@OTHER@"],"name":"br-ex","ports":["set",[]]}]}],"id":{{id!.ToJsonString()}}}
            """);

        var rows = (await call)[0].Rows;
        rows.Select(r => (r.Uuid, r.GetString("name"))).ShouldBe([(Guid.Parse(BridgeUuid), "br-int"), (Guid.Parse(Other), "br-ex")]);
        rows[0].GetUuids("ports").ShouldBe([Guid.Parse(Other)]);
    }

    [Fact]
    public async Task MalformedResult_FailsThatRequest_AndTheSessionGoesOn()
    {
        var call = _client.TransactAsync("Open_vSwitch", [OvsdbOperation.Select("Bridge", [], ["name"])]);
        var id = await _server.ExpectAsync("""{"method":"transact","id":"*","params":["Open_vSwitch",{"op":"select","table":"Bridge","where":[],"columns":["name"]}]}""");
        await _server.ReplyAsync(id, """[{"rows":[{"name":["uuid",42]}]}]""");
        var error = await Should.ThrowAsync<OvsdbProtocolException>(() => call);
        error.Message.ShouldContain("not an OVSDB value");

        var echo = _client.EchoAsync(["still here"]);
        var echoId = await _server.ExpectAsync("""{"method":"echo","params":["still here"],"id":"*"}""");
        await _server.ReplyAsync(echoId, """["still here"]""");
        (await echo).ShouldBe(["still here"]);
    }

    [Fact]
    public async Task ServerEcho_IsAnsweredWithItsOwnParamsAndId()
    {
        await _server.SendAsync("""{"method":"echo","params":["ping",1],"id":"echo"}""");
        await _server.ExpectAsync("""{"id":"echo","result":["ping",1],"error":null}""");
    }

    [Fact]
    public async Task UnknownServerRequest_IsAnsweredWithAnError_NotIgnored()
    {
        await _server.SendAsync("""{"method":"frobnicate","params":[],"id":7}""");
        await _server.ExpectAsync("""{"id":7,"result":null,"error":"unknown method"}""");
    }

    [Fact]
    public async Task RpcError_BecomesOvsdbRpcException()
    {
        var call = _client.GetSchemaAsync("Nope");
        var id = await _server.ExpectAsync("""{"method":"get_schema","params":["Nope"],"id":"*"}""");
        await _server.ReplyErrorAsync(id, """{"error":"unknown database","details":"get_schema request specifies unknown database Nope"}""");
        var error = await Should.ThrowAsync<OvsdbRpcException>(() => call);
        error.Error.ShouldBe("unknown database");
        error.Method.ShouldBe("get_schema");
    }

    [Fact]
    public async Task RepliesOutOfOrder_AreMatchedById()
    {
        var first = _client.EchoAsync(["one"]);
        var id1 = await _server.ExpectAsync("""{"method":"echo","params":["one"],"id":"*"}""");
        var second = _client.EchoAsync(["two"]);
        var id2 = await _server.ExpectAsync("""{"method":"echo","params":["two"],"id":"*"}""");
        await _server.ReplyAsync(id2, """["two"]""");
        await _server.ReplyAsync(id1, """["one"]""");
        (await first).ShouldBe(["one"]);
        (await second).ShouldBe(["two"]);
    }

    [Fact]
    public async Task ServerWithoutMonitorCond_FallsBackToMonitorAndUpdate()
    {
        var call = _client.MonitorAsync("Open_vSwitch", [new OvsdbMonitorRequest("Bridge", ["name", "external_ids"])]);
        var schemaId = await _server.ExpectAsync("""{"method":"get_schema","params":["Open_vSwitch"],"id":"*"}""");
        await _server.ReplyAsync(schemaId, ScriptedOvsdbServer.BridgeSchema);
        var condId = await _server.ExpectAsync("""
            {"method":"monitor_cond","id":"*","params":["Open_vSwitch","wy-monitor-1",{"Bridge":[{"columns":["name","external_ids"]}]}]}
            """);
        await _server.ReplyErrorAsync(condId, "\"unknown method\"");
        var monitorId = await _server.ExpectAsync("""
            {"method":"monitor","id":"*","params":["Open_vSwitch","wy-monitor-1",{"Bridge":[{"columns":["name","external_ids"]}]}]}
            """);
        await _server.ReplyAsync(monitorId, """{"Bridge":{"@BRIDGE@":{"new":{"name":"br-int","external_ids":["map",[]]}}}}""");
        var monitor = await call;
        monitor.View.Row("Bridge", Guid.Parse(BridgeUuid))!.GetString("name").ShouldBe("br-int");

        await _server.SendAsync("""
            {"method":"update","id":null,"params":["wy-monitor-1",{"Bridge":{"@BRIDGE@":
              {"old":{"external_ids":["map",[]]},"new":{"name":"br-int","external_ids":["map",[["a","b"]]]}}}}]}
            """);
        using var cts = new CancellationTokenSource(5000);
        (await monitor.Updates.ReadAsync(cts.Token)).Kind.ShouldBe(OvsdbMonitorUpdateKind.Initial);
        var update = await monitor.Updates.ReadAsync(cts.Token);
        update.Changes.Single().New!.GetStringMap("external_ids")["a"].ShouldBe("b");
    }

    [Fact]
    public async Task Update2_InitialOmitsDefaults_ModifyTogglesMapKeys_DeleteRemoves()
    {
        var monitor = await StartMonitorCondAsync("""{"Bridge":{"@BRIDGE@":{"initial":{"name":"br-int"}}}}""");
        var row = monitor.View.Row("Bridge", Guid.Parse(BridgeUuid))!;
        row["external_ids"].ShouldBe(OvsdbValue.EmptyMap);
        row["datapath_id"].Count.ShouldBe(0);

        await _server.SendAsync("""
            {"method":"update2","id":null,"params":["wy-monitor-1",{"Bridge":{"@BRIDGE@":
              {"modify":{"external_ids":["map",[["a","1"],["b","2"]]],"datapath_id":"0000000000000001"}}}}]}
            """);
        await _server.SendAsync("""
            {"method":"update2","id":null,"params":["wy-monitor-1",{"Bridge":{"@BRIDGE@":
              {"modify":{"external_ids":["map",[["a","1"],["b","3"]]]}}}}]}
            """);
        await _server.SendAsync("""{"method":"update2","id":null,"params":["wy-monitor-1",{"Bridge":{"@BRIDGE@":{"delete":null}}}]}""");

        using var cts = new CancellationTokenSource(5000);
        await monitor.Updates.ReadAsync(cts.Token);
        var first = (await monitor.Updates.ReadAsync(cts.Token)).Changes.Single().New!;
        first.GetStringMap("external_ids").Count.ShouldBe(2);
        first.GetString("datapath_id").ShouldBe("0000000000000001");
        var second = (await monitor.Updates.ReadAsync(cts.Token)).Changes.Single().New!;
        second.GetStringMap("external_ids").ShouldBe(new Dictionary<string, string> { ["b"] = "3" });
        (await monitor.Updates.ReadAsync(cts.Token)).Changes.Single().Kind.ShouldBe(OvsdbRowChangeKind.Delete);
        monitor.View.Table("Bridge").ShouldBeEmpty();
    }

    [Fact]
    public async Task MalformedUpdate_DropsTheSession_PendingCallsFail_AndTheClientReconnectsAndResyncs()
    {
        var monitor = await StartMonitorCondAsync("""{"Bridge":{"@BRIDGE@":{"initial":{"name":"br-int"}}}}""");
        var pending = _client.EchoAsync(["never answered"]);
        await _server.ExpectAsync("""{"method":"echo","params":["never answered"],"id":"*"}""");

        await _server.SendAsync("""{"method":"update2","id":null,"params":["wy-monitor-1",{"Bridge":{"not-a-uuid":{"delete":null}}}]}""");
        await Should.ThrowAsync<OvsdbConnectionException>(() => pending);

        // The client comes back and restores its session: schema, then the same monitor.
        await _server.AcceptAsync();
        var schemaId = await _server.ExpectAsync("""{"method":"get_schema","params":["Open_vSwitch"],"id":"*"}""");
        await _server.ReplyAsync(schemaId, ScriptedOvsdbServer.BridgeSchema);
        var condId = await _server.ExpectAsync("""
            {"method":"monitor_cond","id":"*","params":["Open_vSwitch","wy-monitor-1",{"Bridge":[{"columns":["datapath_id","external_ids","name","ports"]}]}]}
            """);
        await _server.ReplyAsync(condId, """{"Bridge":{"@OTHER@":{"initial":{"name":"br-ex"}}}}""");

        using var cts = new CancellationTokenSource(5000);
        await monitor.Updates.ReadAsync(cts.Token);
        var resync = await monitor.Updates.ReadAsync(cts.Token);
        resync.Kind.ShouldBe(OvsdbMonitorUpdateKind.Resync);
        resync.Changes.Select(c => (c.Kind, c.Uuid)).ShouldBe(
            [(OvsdbRowChangeKind.Delete, Guid.Parse(BridgeUuid)), (OvsdbRowChangeKind.Insert, Guid.Parse(Other))], ignoreOrder: true);
        monitor.View.Table("Bridge").Keys.ShouldBe([Guid.Parse(Other)]);
    }

    private async Task<OvsdbMonitor> StartMonitorCondAsync(string initial)
    {
        var call = _client.MonitorAsync("Open_vSwitch", [new OvsdbMonitorRequest("Bridge")]);
        var schemaId = await _server.ExpectAsync("""{"method":"get_schema","params":["Open_vSwitch"],"id":"*"}""");
        await _server.ReplyAsync(schemaId, ScriptedOvsdbServer.BridgeSchema);
        var condId = await _server.ExpectAsync("""
            {"method":"monitor_cond","id":"*","params":["Open_vSwitch","wy-monitor-1",{"Bridge":[{"columns":["datapath_id","external_ids","name","ports"]}]}]}
            """);
        await _server.ReplyAsync(condId, initial);
        return await call;
    }
}
