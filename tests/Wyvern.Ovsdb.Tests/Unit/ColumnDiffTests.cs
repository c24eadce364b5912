using Wyvern.Ovsdb.Monitoring;
using Wyvern.Ovsdb.Schema;
using Wyvern.Ovsdb.Values;

namespace Wyvern.Ovsdb.Tests.Unit;

[Trait("Layer", "Unit")]
public sealed class ColumnDiffTests
{
    private static readonly OvsdbColumnType Scalar = new(new OvsdbBaseType(OvsdbAtomKind.String), null, 1, 1);
    private static readonly OvsdbColumnType Optional = new(new OvsdbBaseType(OvsdbAtomKind.Integer), null, 0, 1);
    private static readonly OvsdbColumnType StringSet = new(new OvsdbBaseType(OvsdbAtomKind.String), null, 0, OvsdbColumnType.Unlimited);
    private static readonly OvsdbColumnType StringMap =
        new(new OvsdbBaseType(OvsdbAtomKind.String), new OvsdbBaseType(OvsdbAtomKind.String), 0, OvsdbColumnType.Unlimited);
    private static readonly OvsdbColumnType RealScalar = new(new OvsdbBaseType(OvsdbAtomKind.Real), null, 1, 1);

    [Fact]
    public void Scalar_TakesTheNewValue() =>
        ColumnDiff.Apply("old", "new", Scalar).ShouldBe(OvsdbValue.Atom("new"));

    [Fact]
    public void OptionalSingleValue_TakesTheNewValue_AsOvsdbServerSendsIt()
    {
        ColumnDiff.Apply(OvsdbValue.Atom(1), OvsdbValue.Atom(100), Optional).ShouldBe(OvsdbValue.Atom(100));
        ColumnDiff.Apply(OvsdbValue.EmptySet, OvsdbValue.Atom(5), Optional).ShouldBe(OvsdbValue.Atom(5));
        ColumnDiff.Apply(OvsdbValue.Atom(5), OvsdbValue.EmptySet, Optional).ShouldBe(OvsdbValue.EmptySet);
    }

    [Fact]
    public void Set_TogglesEachElementOfTheDiff() =>
        ColumnDiff.Apply(OvsdbValue.Set("a", "b"), OvsdbValue.Set("b", "c"), StringSet).ShouldBe(OvsdbValue.Set("a", "c"));

    [Fact]
    public void Map_RemovesSamePairs_UpdatesChangedValues_AddsNewKeys()
    {
        var old = OvsdbValue.StringMap([KeyValuePair.Create("keep", "1"), KeyValuePair.Create("drop", "2"), KeyValuePair.Create("change", "3")]);
        var diff = OvsdbValue.StringMap([KeyValuePair.Create("drop", "2"), KeyValuePair.Create("change", "4"), KeyValuePair.Create("add", "5")]);
        ColumnDiff.Apply(old, diff, StringMap).ToStringMap().OrderBy(p => p.Key).ShouldBe(
            [KeyValuePair.Create("add", "5"), KeyValuePair.Create("change", "4"), KeyValuePair.Create("keep", "1")]);
    }

    [Fact]
    public void MapDiffRemovingTheLastKey_LeavesAnEmptyMap() =>
        ColumnDiff.Apply(OvsdbValue.StringMap([KeyValuePair.Create("k", "v")]), OvsdbValue.StringMap([KeyValuePair.Create("k", "v")]), StringMap)
            .ShouldBe(OvsdbValue.EmptyMap);

    [Fact]
    public void RealColumn_CoercesAnIntegerLiteral() =>
        ColumnDiff.Apply(OvsdbValue.Atom(OvsdbAtom.Real(0)), OvsdbValue.Atom(2), RealScalar).Keys[0].Kind.ShouldBe(OvsdbAtomKind.Real);

    [Fact]
    public void UnknownColumn_TakesTheDiffAsTheValue() =>
        ColumnDiff.Apply(OvsdbValue.Atom(1), OvsdbValue.Atom(2), null).ShouldBe(OvsdbValue.Atom(2));
}
