using System.Text;
using System.Text.Json;
using Wyvern.Ovsdb.Values;

namespace Wyvern.Ovsdb.Tests.Unit;

[Trait("Layer", "Unit")]
public sealed class OvsdbRowTests
{
    private static readonly Guid Uuid = Guid.Parse("6f1d2c3b-4a59-4e8f-9d7c-0b1a2c3d4e5f");

    private static OvsdbRow Parse(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        var row = OvsdbRow.Parse(Uuid, ref reader);
        reader.Read().ShouldBeFalse("the reader must be left on the row's }");
        return row;
    }

    [Fact]
    public void Columns_ReadInOrdinalOrder_WhateverTheOrderGiven()
    {
        var row = new OvsdbRow(Uuid, [KeyValuePair.Create("type", (OvsdbValue)"dummy"), KeyValuePair.Create("name", (OvsdbValue)"tap1")]);
        row.Columns.Keys.ShouldBe(["name", "type"]);
        row.GetString("name").ShouldBe("tap1");
        row.Columns["type"].ShouldBe((OvsdbValue)"dummy");
        row.Columns.ContainsKey("ofport").ShouldBeFalse();
        row["ofport"].ShouldBe(OvsdbValue.EmptySet);
    }

    [Fact]
    public void AColumnGivenTwice_KeepsItsLastValue()
    {
        var row = new OvsdbRow(Uuid, [KeyValuePair.Create("name", (OvsdbValue)"a"), KeyValuePair.Create("name", (OvsdbValue)"b")]);
        row.Columns.Count.ShouldBe(1);
        row.GetString("name").ShouldBe("b");
    }

    [Fact]
    public void With_ReplacesAndAddsColumns_AndLeavesTheOriginalAlone()
    {
        var row = Parse("""{"name":"tap1","ofport":3}""");
        var next = row.With([KeyValuePair.Create("ofport", (OvsdbValue)7), KeyValuePair.Create("admin_state", (OvsdbValue)"up")]);
        next.Columns.Keys.ShouldBe(["admin_state", "name", "ofport"]);
        (next.GetInteger("ofport"), next.GetString("admin_state"), next.GetString("name")).ShouldBe((7L, "up", "tap1"));
        (row.GetInteger("ofport"), row.Columns.Count).ShouldBe((3L, 2));
    }

    [Fact]
    public void Rows_AreEqualByUuidAndColumns_NotByHowTheyWereBuilt()
    {
        var parsed = Parse("""{"ofport":3,"name":"tap1"}""");
        var built = new OvsdbRow(Uuid, [KeyValuePair.Create("name", (OvsdbValue)"tap1"), KeyValuePair.Create("ofport", (OvsdbValue)3)]);
        parsed.ShouldBe(built);
        parsed.GetHashCode().ShouldBe(built.GetHashCode());
        parsed.With([KeyValuePair.Create("ofport", (OvsdbValue)4)]).ShouldNotBe(built);
        parsed.With([KeyValuePair.Create("type", (OvsdbValue)"")]).ShouldNotBe(built);
        new OvsdbRow(Guid.NewGuid(), built.Columns).ShouldNotBe(built);
    }

    [Fact]
    public void RepeatedScalars_AreOneInstance()
    {
        ReferenceEquals(OvsdbValue.Atom(true), OvsdbValue.Atom(true)).ShouldBeTrue();
        ReferenceEquals(OvsdbValue.Atom(""), OvsdbValue.Atom(OvsdbAtom.String(""))).ShouldBeTrue();
        OvsdbValue.Atom(0L).ShouldBe(OvsdbValue.Atom(OvsdbAtom.Integer(0)));
        OvsdbValue.Atom(false).SingleOrNone!.Value.AsBoolean.ShouldBeFalse();
    }
}
