using Wyvern.Controller.Engine;
using Wyvern.OpenFlow.Instructions;
using Wyvern.OpenFlow.Matching;
using Wyvern.Pipeline;
using Wyvern.Testing;

namespace Wyvern.Controller.Tests.Engine;

[Trait("Layer", Layer.Unit)]
public sealed class DesiredFlowTableTests
{
    private static readonly Match M1 = Match.Create(MatchField.Metadata(1));
    private static readonly Match M2 = Match.Create(MatchField.Metadata(2));

    [Fact]
    public void Replace_AddsAndRemovesAnOwnersFlows_AndReportsTheirKeysDirty()
    {
        var table = new DesiredFlowTable();

        table.Replace("port/a", [Flow(M1, 10, "port/a"), Flow(M2, 10, "port/a")]);
        table.TakeDirty().Count.ShouldBe(2);
        table.Replace("port/a", [Flow(M1, 10, "port/a")]);

        table.Count.ShouldBe(1);
        table.TakeDirty().ShouldContain(Key(M2), "a key that may have changed is dirty");
        table.Get(Key(M2)).ShouldBeNull();
    }

    [Fact]
    public void Replace_KeepsTheInstancesOfUnchangedFlows_AndReportsOnlyTheChangedKeyDirty()
    {
        var m3 = Match.Create(MatchField.Metadata(3));
        var table = new DesiredFlowTable();
        table.Replace("port/a", [Flow(M1, 10, "port/a"), Flow(M2, 10, "port/a"), Flow(m3, 10, "port/a")]);
        table.TakeDirty();
        var unchanged = table.Get(Key(M1));
        var moved = table.Get(Key(m3));

        // Fresh, equal copies from the app for M1 and M3 (in another order), M2 changed.
        table.Replace(new string("port/a".AsSpan()), [Flow(m3, 10, "port/a"), Flow(M1, 10, "port/a"), Flow(M2, 11, "port/a")]);

        table.Get(Key(M1)).ShouldBeSameAs(unchanged);
        table.Get(Key(m3)).ShouldBeSameAs(moved);
        table.Get(Key(M2))!.Instructions.ShouldBe(Flow(M2, 11, "port/a").Instructions);
        table.TakeDirty().ShouldBe([Key(M2)]);
        table.OwnedBy("port/a").Count.ShouldBe(3);
    }

    [Fact]
    public void ContestedKey_OwnerSortingFirstWins_WhateverTheOrder_AndTheOtherTakesOverWhenItLeaves()
    {
        var first = new DesiredFlowTable();
        var second = new DesiredFlowTable();

        first.Replace("port/a", [Flow(M1, 10, "port/a")]);
        first.Replace("port/b", [Flow(M1, 20, "port/b")]);
        second.Replace("port/b", [Flow(M1, 20, "port/b")]);
        second.Replace("port/a", [Flow(M1, 10, "port/a")]);

        first.Get(Key(M1))!.Owner.ShouldBe("port/a");
        second.Get(Key(M1))!.Owner.ShouldBe("port/a");
        first.Count.ShouldBe(1);
        first.TakeDirty();
        first.Replace("port/a", []);
        first.TakeDirty().ShouldBe([Key(M1)]);
        first.Get(Key(M1))!.Owner.ShouldBe("port/b");
        first.Replace("port/b", []);
        first.Get(Key(M1)).ShouldBeNull();
        first.Count.ShouldBe(0);
    }

    [Fact]
    public void ContestedKey_LosingOwnerLeaves_EffectiveFlowStaysAndIsNotDirty()
    {
        var table = new DesiredFlowTable();
        table.Replace("port/a", [Flow(M1, 10, "port/a")]);
        table.Replace("port/b", [Flow(M1, 20, "port/b")]);
        table.TakeDirty();

        table.Replace("port/b", []);

        table.TakeDirty().ShouldBeEmpty();
        table.Get(Key(M1))!.Owner.ShouldBe("port/a");
    }

    [Fact]
    public void Replace_FlowsOfOneOwner_ShareOneOwnerString()
    {
        var table = new DesiredFlowTable();
        var owner = "port/a";

        table.Replace(owner, [Flow(M1, 10, new string(owner.AsSpan())), Flow(M2, 10, new string(owner.AsSpan()))]);

        table.OwnedBy(owner).ShouldAllBe(f => ReferenceEquals(f.Owner, owner));
        table.Get(Key(M1))!.Owner.ShouldBeSameAs(owner);
    }

    [Fact]
    public void Replace_EqualInstructionsOfDifferentOwners_AreOneInstance_UntilTheLastFlowHoldingThemGoes()
    {
        var table = new DesiredFlowTable();

        table.Replace("port/a", [Flow(M1, 10, "port/a")]);
        table.Replace("port/b", [Flow(M2, 10, "port/b"), Flow(M2, 11, "port/b") with { Priority = 90 }]);

        var a = table.Get(Key(M1))!.Instructions;
        var b = table.Get(Key(M2))!.Instructions;
        (a.Span == b.Span).ShouldBeTrue("one shared list, not two equal ones");
        b.ShouldBe(Flow(M2, 10, "x").Instructions);
        table.DistinctInstructionLists.ShouldBe(2);

        table.Replace("port/a", []);
        table.Replace("port/b", [Flow(M2, 12, "port/b")]);
        table.DistinctInstructionLists.ShouldBe(1);
        table.Get(Key(M2))!.Instructions.ShouldBe(Flow(M2, 12, "x").Instructions);
        table.Replace("port/b", []);
        table.DistinctInstructionLists.ShouldBe(0);
    }

    [Fact]
    public void Replace_SameFlowsAgain_ChangesNothing_AndKeepsTheSharedCounts()
    {
        var table = new DesiredFlowTable();
        table.Replace("port/a", [Flow(M1, 10, "port/a"), Flow(M2, 10, "port/a")]);
        table.TakeDirty();

        table.Replace("port/a", [Flow(M1, 10, "port/a"), Flow(M2, 10, "port/a")]);
        table.Replace("port/a", [Flow(M1, 10, "port/a")]);

        table.TakeDirty().ShouldContain(Key(M2));
        table.Get(Key(M2)).ShouldBeNull();
        table.DistinctInstructionLists.ShouldBe(1);
        table.Replace("port/a", []);
        table.DistinctInstructionLists.ShouldBe(0);
    }

    [Fact]
    public void TakeDirty_AfterAFullRun_StillReportsLaterChanges()
    {
        var table = new DesiredFlowTable();
        var many = Enumerable.Range(0, 3000).Select(i => Flow(Match.Create(MatchField.Metadata((ulong)i + 100)), 10, "net/n")).ToList();
        table.Replace("net/n", many);
        table.TakeDirty().Count.ShouldBe(3000);
        table.KeyCapacity.ShouldBeLessThan(3000 * 3 / 2, "no doubling slack kept after a full run");

        table.Replace("port/a", [Flow(M1, 11, "port/a")]);

        table.TakeDirty().ShouldBe([Key(M1)]);
        table.Get(Key(M1))!.Owner.ShouldBe("port/a");
        many.ShouldAllBe(f => table.Get(f.Key) == f);
    }

    [Fact]
    public void TrimSlack_ShrinksAGrownTableToItsSizePlusATenth_AndLeavesATightOneAlone()
    {
        var grown = new Dictionary<int, int>();
        grown.EnsureCapacity(10_000);
        for (var i = 0; i < 3000; i++)
        {
            grown[i] = i;
        }

        DesiredFlowTable.TrimSlack(grown);

        grown.Capacity.ShouldBeInRange(3300, 3700);
        grown.Count.ShouldBe(3000);
        grown[2999].ShouldBe(2999);
        var before = grown.Capacity;
        DesiredFlowTable.TrimSlack(grown);
        grown.Capacity.ShouldBe(before);
    }

    private static FlowKey Key(Match match) => new(TableId.L2Lookup, 100, match);

    private static FlowSpec Flow(Match match, byte gotoTable, string owner) =>
        new(TableId.L2Lookup, 100, match, [new GotoTableInstruction(gotoTable)], AppId.L2, owner);
}
