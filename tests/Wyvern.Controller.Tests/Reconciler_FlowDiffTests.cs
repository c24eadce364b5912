using Wyvern.Controller.Reconciler;
using Wyvern.OpenFlow.Matching;
using Wyvern.Pipeline;
using Wyvern.Testing;

namespace Wyvern.Controller.Tests;

[Trait("Layer", Layer.Unit)]
public sealed class Reconciler_FlowDiffTests
{
    [Fact]
    public void Split_KeepsOrderAndEveryFlow_InBoundedParts()
    {
        var deletes = Flows(0, 5);
        var adds = Flows(100, 7);
        var modifies = Flows(200, 3);
        var diff = new FlowDiff(deletes, adds, modifies);

        var parts = diff.Split(4).ToList();

        parts.Count.ShouldBe(4);
        parts.ShouldAllBe(p => p.Count <= 4);
        parts.SelectMany(p => p.ToFlowMods()).Select(m => m.Match).ShouldBe(diff.ToFlowMods().Select(m => m.Match));
        parts[1].Deletes.Count.ShouldBe(1, "the fifth delete still goes before the first add");
        parts[1].Adds.Count.ShouldBe(3);
    }

    [Fact]
    public void FlowModList_IsToFlowModsInOrder_BuiltOnRead_WithTheFlowAtEachIndex()
    {
        var diff = new FlowDiff(Flows(0, 2), Flows(100, 3), Flows(200, 2));

        var list = new FlowModList(diff);

        list.Count.ShouldBe(7);
        list.ToList().ShouldBe(diff.ToFlowMods().ToList());
        list[3].ShouldBe(list[3]);
        list[3].ShouldNotBeSameAs(list[3]);
        Enumerable.Range(0, list.Count).Select(list.SpecAt).ShouldBe([.. diff.Deletes, .. diff.Adds, .. diff.Modifies]);
        Should.Throw<ArgumentOutOfRangeException>(() => list[7]);
    }

    [Fact]
    public void Split_SmallDiff_IsItself()
    {
        var diff = new FlowDiff(Flows(0, 2), [], []);
        diff.Split(4).ShouldHaveSingleItem().ShouldBeSameAs(diff);
    }

    [Fact]
    public void Without_LeavesOutExactlyTheRejectedFlows_FromEveryKind()
    {
        var diff = new FlowDiff(Flows(0, 2), Flows(100, 2), Flows(200, 2));

        var applied = diff.Without(new HashSet<FlowSpec> { diff.Deletes[1], diff.Adds[0] });

        applied.Deletes.ShouldBe([diff.Deletes[0]]);
        applied.Adds.ShouldBe([diff.Adds[1]]);
        applied.Modifies.ShouldBe(diff.Modifies);
    }

    [Fact]
    public void Split_EmptyDiff_HasNoParts() => FlowDiff.Empty.Split(4).ShouldBeEmpty();

    private static FlowSpec[] Flows(int start, int count) =>
        [.. Enumerable.Range(start, count).Select(i => new FlowSpec(TableId.L2Lookup, 100, Match.Create(MatchField.Metadata((ulong)i)), [], AppId.L2, "test"))];
}
