using Wyvern.Controller.Engine;
using Wyvern.Controller.Reconciler;
using Wyvern.OpenFlow.Instructions;
using Wyvern.OpenFlow.Matching;
using Wyvern.OpenFlow.Messages;
using Wyvern.Pipeline;
using Wyvern.Testing;

namespace Wyvern.Controller.Tests;

[Trait("Layer", Layer.Unit)]
public sealed class Reconciler_FlowReconcilerTests
{
    [Fact]
    public void AfterARestart_FlowsTheSwitchAlreadyHas_SendNothing_AndAreHeldAsTheDesiredInstances()
    {
        var desired = new DesiredFlowTable();
        desired.Replace("port/a", [Flow(1, 10), Flow(2, 10)]);
        var reconciler = new FlowReconciler();

        reconciler.ResetInstalled(desired.All.Select(Dumped).ToList());
        var diff = reconciler.FullDiff(desired);

        diff.IsEmpty.ShouldBeTrue();
        reconciler.Installed.Count.ShouldBe(2);
        reconciler.Installed.Values.ShouldAllBe(f => ReferenceEquals(f, desired.Get(f.Key)));
    }

    [Fact]
    public void ADumpRecordedFlowByFlow_HoldsTheDesiredInstance_OfEachFlowTheSwitchHasAsDesired()
    {
        // A restart at scale records ~130,000 dumped flows: none of the equal ones is kept as its decoded copy.
        var desired = new DesiredFlowTable();
        desired.Replace("port/a", [Flow(1, 10), Flow(2, 11)]);
        var reconciler = new FlowReconciler();

        reconciler.BeginReset();
        foreach (var flow in new[] { Dumped(Flow(1, 10)), Dumped(Flow(2, 10)), Dumped(Flow(3, 10)) })
        {
            reconciler.AddDumped(flow, desired);
        }
        reconciler.EndReset();

        reconciler.Installed.Count.ShouldBe(3);
        reconciler.Installed[Flow(1, 10).Key].ShouldBeSameAs(desired.Get(Flow(1, 10).Key));
        reconciler.Installed[Flow(2, 10).Key].ShouldNotBeSameAs(desired.Get(Flow(2, 10).Key));
        reconciler.Installed[Flow(2, 10).Key].Instructions.ShouldBe(Flow(2, 10).Instructions);
        var diff = reconciler.FullDiff(desired);
        (diff.Adds.Count, diff.Modifies.Count, diff.Deletes.Count).ShouldBe((0, 1, 1));
    }

    [Fact]
    public void AfterARestart_AFlowThatDiffersOnTheSwitch_IsModified_AndStaysTheSwitchsUntilAcknowledged()
    {
        var desired = new DesiredFlowTable();
        desired.Replace("port/a", [Flow(1, 10), Flow(2, 11)]);
        var reconciler = new FlowReconciler();

        reconciler.ResetInstalled([Dumped(Flow(1, 10)), Dumped(Flow(2, 10)), Dumped(Flow(3, 10))]);
        var diff = reconciler.FullDiff(desired);

        diff.Modifies.ShouldHaveSingleItem().ShouldBeSameAs(desired.Get(Flow(2, 11).Key));
        diff.Deletes.ShouldHaveSingleItem().Key.ShouldBe(Flow(3, 10).Key);
        reconciler.Installed[Flow(2, 11).Key].Instructions.ShouldBe(Flow(2, 10).Instructions);
        reconciler.Acknowledge(diff);
        reconciler.Installed.Values.ShouldAllBe(f => ReferenceEquals(f, desired.Get(f.Key)));
        reconciler.FullDiff(desired).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void ReservingForABulkDiff_ThenAcknowledgingItInParts_RecordsEveryFlowOnce()
    {
        var desired = new DesiredFlowTable();
        desired.Replace("port/a", [.. Enumerable.Range(1, 50).Select(i => Flow((ulong)i, 10))]);
        var reconciler = new FlowReconciler();
        var diff = reconciler.FullDiff(desired);

        reconciler.Reserve(diff);
        reconciler.Installed.Count.ShouldBe(0, "room, not flows");
        var room = reconciler.InstalledCapacity;
        room.ShouldBeGreaterThanOrEqualTo(50);
        foreach (var part in diff.Split(7))
        {
            reconciler.Acknowledge(part);
        }
        reconciler.InstalledCapacity.ShouldBe(room, "the set never grew while the parts were acknowledged");
        reconciler.TrimAfterBulk();

        reconciler.Installed.Count.ShouldBe(50);
        reconciler.FullDiff(desired).IsEmpty.ShouldBeTrue();
    }

    private static FlowSpec Flow(ulong metadata, byte gotoTable) =>
        new(TableId.L2Lookup, 100, Match.Create(MatchField.Metadata(metadata)), [new GotoTableInstruction(gotoTable)], AppId.L2, "port/a");

    // What a restarted controller reads back from the switch: the flow encoded, then decoded.
    private static FlowStats Dumped(FlowSpec spec)
    {
        var mod = (FlowMod)OfpMessageDecoder.Decode(FlowMods.Add(spec).ToArray());
        return new FlowStats { TableId = mod.TableId, Priority = mod.Priority, Cookie = mod.Cookie, Match = mod.Match, Instructions = mod.Instructions };
    }
}
