using Wyvern.Ovsdb.Errors;
using Wyvern.Ovsdb.Tests.Fixtures;
using Wyvern.Ovsdb.Transactions;
using Wyvern.Ovsdb.Values;

namespace Wyvern.Ovsdb.Tests.Ovs;

[Trait("Layer", "Ovs")]
public sealed class TransactTests : IAsyncLifetime
{
    private const string Db = "Open_vSwitch";
    private readonly OvsdbServerProcess _server = new();
    private OvsdbClient _client = null!;

    public async Task InitializeAsync() => _client = await OvsdbClient.ConnectAsync(_server.UnixEndpoint);

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        _server.Dispose();
    }

    [Fact]
    public async Task ListDbs_OverUnixAndTcp_NamesOpenVSwitch()
    {
        (await _client.ListDatabasesAsync()).ShouldContain(Db);
        await using var tcp = await OvsdbClient.ConnectAsync(_server.TcpEndpoint);
        (await tcp.ListDatabasesAsync()).ShouldContain(Db);
    }

    [Fact]
    public async Task GetSchema_ReadsTablesAndColumnTypesFromTheServer()
    {
        var schema = await _client.GetSchemaAsync(Db);
        schema.Name.ShouldBe(Db);
        var ofport = schema.Table("Interface")!.Column("ofport")!.Type;
        ofport.Key.Kind.ShouldBe(OvsdbAtomKind.Integer);
        (ofport.Min, ofport.Max).ShouldBe((0L, 1L));
        schema.Table("Bridge")!.Column("ports")!.Type.Key.RefTable.ShouldBe("Port");
        schema.Table("Bridge")!.Column("external_ids")!.Type.IsMap.ShouldBeTrue();
        schema.Table("Open_vSwitch")!.IsRoot.ShouldBeTrue();
    }

    [Fact]
    public async Task Insert_WithNamedUuids_LinksRowsInOneTransaction_AndSelectReadsThemBack()
    {
        var result = await _client.TransactAsync(Db,
        [
            OvsdbOperation.Comment("wyvern test: insert with named uuids"),
            OvsdbOperation.Insert("Open_vSwitch", new Dictionary<string, OvsdbValue>
            {
                ["bridges"] = OvsdbValue.Set(OvsdbAtom.NamedUuid("br")),
            }),
            OvsdbOperation.Insert("Bridge", new Dictionary<string, OvsdbValue>
            {
                ["name"] = "wy-br0",
                ["external_ids"] = OvsdbValue.StringMap([KeyValuePair.Create("owner", "wyvern")]),
                ["protocols"] = OvsdbValue.Set("OpenFlow13"),
            }, uuidName: "br"),
        ]);
        var bridgeUuid = result[2].Uuid!.Value;

        var select = await _client.TransactAsync(Db, [OvsdbOperation.Select("Bridge", [OvsdbCondition.Equal("name", "wy-br0")])]);
        var row = select[0].Rows.ShouldHaveSingleItem();
        row.Uuid.ShouldBe(bridgeUuid);
        row.GetStringMap("external_ids")["owner"].ShouldBe("wyvern");
        row.GetStrings("protocols").ShouldBe(["OpenFlow13"]);
        var ovs = await _client.TransactAsync(Db, [OvsdbOperation.Select("Open_vSwitch", [], ["bridges"])]);
        ovs[0].Rows.ShouldHaveSingleItem().GetUuids("bridges").ShouldBe([bridgeUuid]);
    }

    [Fact]
    public async Task Update_Mutate_Delete_CountRowsAndChangeThem()
    {
        var bridge = await InsertBridgeAsync("wy-br1");

        var update = await _client.TransactAsync(Db,
            [OvsdbOperation.Update("Bridge", [OvsdbCondition.RowIs(bridge)], new Dictionary<string, OvsdbValue> { ["fail_mode"] = "secure" })]);
        update[0].Count.ShouldBe(1);

        var mutate = await _client.TransactAsync(Db,
        [
            OvsdbOperation.Mutate("Bridge", [OvsdbCondition.RowIs(bridge)],
            [
                OvsdbMutation.Insert("other_config", OvsdbValue.StringMap([KeyValuePair.Create("disable-in-band", "true")])),
                OvsdbMutation.Insert("protocols", OvsdbValue.Set("OpenFlow13", "OpenFlow15")),
            ]),
        ]);
        mutate[0].Count.ShouldBe(1);
        var row = (await _client.TransactAsync(Db, [OvsdbOperation.Select("Bridge", [OvsdbCondition.RowIs(bridge)])]))[0].Rows.Single();
        row.GetString("fail_mode").ShouldBe("secure");
        row.GetStringMap("other_config")["disable-in-band"].ShouldBe("true");
        row.GetStrings("protocols").ShouldBe(["OpenFlow13", "OpenFlow15"]);

        var delete = await _client.TransactAsync(Db,
        [
            OvsdbOperation.Mutate("Open_vSwitch", [], [OvsdbMutation.Delete("bridges", OvsdbValue.UuidSet([bridge]))]),
            OvsdbOperation.Delete("Bridge", [OvsdbCondition.RowIs(bridge)]),
        ]);
        delete[1].Count.ShouldBe(1);
        (await _client.TransactAsync(Db, [OvsdbOperation.Select("Bridge", [])]))[0].Rows.ShouldBeEmpty();
    }

    [Fact]
    public async Task Wait_WhenRowsMatch_Succeeds_AndWhenTheyDoNot_FailsAsTimedOutNamingTheWait()
    {
        await InsertBridgeAsync("wy-br2");
        await _client.TransactAsync(Db,
        [
            OvsdbOperation.Wait("Bridge", [OvsdbCondition.Equal("name", "wy-br2")], ["name"],
                [new Dictionary<string, OvsdbValue> { ["name"] = "wy-br2" }]),
        ]);

        var error = await Should.ThrowAsync<OvsdbTransactionException>(() => _client.TransactAsync(Db,
        [
            OvsdbOperation.Comment("expect failure"),
            OvsdbOperation.Wait("Bridge", [OvsdbCondition.Equal("name", "wy-br2")], ["name"],
                [new Dictionary<string, OvsdbValue> { ["name"] = "other" }], timeoutMs: 0),
        ]));
        error.Kind.ShouldBe(OvsdbErrorKind.TimedOut);
        error.OperationIndex.ShouldBe(1);
        error.Operation.ShouldBe("wait");
        error.Table.ShouldBe("Bridge");
    }

    [Fact]
    public async Task StrongReferenceToMissingRow_FailsAtCommit_AsReferentialIntegrityViolation()
    {
        await SeedRootAsync();
        var error = await Should.ThrowAsync<OvsdbTransactionException>(() => _client.TransactAsync(Db,
        [
            OvsdbOperation.Insert("Bridge", new Dictionary<string, OvsdbValue>
            {
                ["name"] = "wy-br3",
                ["ports"] = OvsdbValue.UuidSet([Guid.NewGuid()]),
            }, "br"),
            OvsdbOperation.Mutate("Open_vSwitch", [], [OvsdbMutation.Insert("bridges", OvsdbValue.Set(OvsdbAtom.NamedUuid("br")))]),
        ]));
        error.Kind.ShouldBe(OvsdbErrorKind.ReferentialIntegrityViolation);
        error.OperationIndex.ShouldBeNull();
        error.Operation.ShouldBe("commit");
    }

    [Fact]
    public async Task DuplicateIndexedName_FailsAtCommit_AsConstraintViolation()
    {
        await InsertBridgeAsync("wy-br4");
        var error = await Should.ThrowAsync<OvsdbTransactionException>(() => InsertBridgeAsync("wy-br4"));
        error.Kind.ShouldBe(OvsdbErrorKind.ConstraintViolation);
        error.OperationIndex.ShouldBeNull();
    }

    [Fact]
    public async Task ValueOutsideColumnRange_FailsTheOperation_AsConstraintViolation()
    {
        await SeedRootAsync();
        var error = await Should.ThrowAsync<OvsdbTransactionException>(() => _client.TransactAsync(Db,
        [
            OvsdbOperation.Insert("Interface", new Dictionary<string, OvsdbValue> { ["name"] = "wy-if", ["ofport_request"] = 70_000 }),
        ]));
        error.Kind.ShouldBe(OvsdbErrorKind.ConstraintViolation);
        error.OperationIndex.ShouldBe(0);
        error.Operation.ShouldBe("insert");
        error.Table.ShouldBe("Interface");
    }

    [Fact]
    public async Task Abort_FailsAsAborted()
    {
        var error = await Should.ThrowAsync<OvsdbTransactionException>(() => _client.TransactAsync(Db,
            [OvsdbOperation.Select("Bridge", []), OvsdbOperation.Abort()]));
        error.Kind.ShouldBe(OvsdbErrorKind.Aborted);
        error.OperationIndex.ShouldBe(1);
    }

    [Fact]
    public async Task Echo_RoundTripsItsPayload()
    {
        (await _client.EchoAsync(["a", "b"])).ShouldBe(["a", "b"]);
    }

    [Fact]
    public async Task Lock_IsExclusive_AndPassesToTheWaiterOnUnlock_AndAssertChecksOwnership()
    {
        await using var other = await OvsdbClient.ConnectAsync(_server.UnixEndpoint);
        var granted = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        other.LockAcquired += (_, id) => granted.TrySetResult(id);

        (await _client.LockAsync("wy_lock")).ShouldBeTrue();
        (await other.LockAsync("wy_lock")).ShouldBeFalse();
        var notOwner = await Should.ThrowAsync<OvsdbTransactionException>(() => other.TransactAsync(Db, [OvsdbOperation.Assert("wy_lock")]));
        notOwner.Kind.ShouldBe(OvsdbErrorKind.NotOwner);

        await _client.UnlockAsync("wy_lock");
        (await granted.Task.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBe("wy_lock");
        await other.TransactAsync(Db, [OvsdbOperation.Assert("wy_lock")]);
    }

    [Fact]
    public async Task Steal_TakesTheLock_AndTheOwnerIsToldItWasStolen()
    {
        await using var thief = await OvsdbClient.ConnectAsync(_server.UnixEndpoint);
        var stolen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _client.LockStolen += (_, id) => stolen.TrySetResult(id);

        (await _client.LockAsync("wy_steal")).ShouldBeTrue();
        (await thief.StealAsync("wy_steal")).ShouldBeTrue();
        (await stolen.Task.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBe("wy_steal");
        await thief.TransactAsync(Db, [OvsdbOperation.Assert("wy_steal")]);
    }

    private async Task SeedRootAsync()
    {
        var existing = await _client.TransactAsync(Db, [OvsdbOperation.Select("Open_vSwitch", [], ["_uuid"])]);
        if (existing[0].Rows.Count == 0)
        {
            await _client.TransactAsync(Db, [OvsdbOperation.Insert("Open_vSwitch", new Dictionary<string, OvsdbValue>())]);
        }
    }

    private async Task<Guid> InsertBridgeAsync(string name)
    {
        await SeedRootAsync();
        var result = await _client.TransactAsync(Db,
        [
            OvsdbOperation.Insert("Bridge", new Dictionary<string, OvsdbValue> { ["name"] = name }, "br"),
            OvsdbOperation.Mutate("Open_vSwitch", [], [OvsdbMutation.Insert("bridges", OvsdbValue.Set(OvsdbAtom.NamedUuid("br")))]),
        ]);
        return result[0].Uuid!.Value;
    }
}
