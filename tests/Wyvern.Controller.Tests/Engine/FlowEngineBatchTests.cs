using Wyvern.Controller.Engine;
using Wyvern.Controller.Reconciler;
using Wyvern.Model;
using Wyvern.Scale;
using Wyvern.Controller.Tests.Scale;
using Wyvern.Testing;

namespace Wyvern.Controller.Tests.Engine;

/// <summary>
/// A store transaction is applied as one batch (<see cref="FlowEngine.HandleBatch"/>): every
/// change to the state first, then each affected owner recomputed once. It must give the same
/// desired table as applying the changes one at a time and as a full recompute, whatever the
/// order of the changes in the transaction. The scale benchmark's model (every feature: port
/// security, DHCP, the default security group with a remote-group rule, router gateways,
/// floating IPs) on one chassis, small.
/// </summary>
[Trait("Layer", Layer.Unit)]
public sealed class FlowEngineBatchTests
{
    private const string ChassisName = "batch-chassis";

    [Fact]
    public void WholeModelInOneBatch_EqualsOneChangeAtATime_AndAFullRecompute()
    {
        var model = new ScaleModel(2, 2, 6, ChassisName, spareFloatingIps: 2);
        var objects = Objects(model);

        var batched = Bound(model);
        batched.HandleBatch(objects.Select(Put));
        var oneByOne = Bound(model);
        foreach (var o in objects)
        {
            oneByOne.HandleUpsert(o);
        }
        var reversed = Bound(model);
        reversed.HandleBatch(Enumerable.Reverse(objects).Select(Put));

        Canonical(batched).Count.ShouldBeGreaterThan(100);
        Canonical(batched).ShouldBe(Canonical(oneByOne));
        Canonical(reversed).ShouldBe(Canonical(oneByOne));
        Canonical(batched).ShouldBe(Canonical(FullRecompute(batched)));
    }

    [Fact]
    public void BatchOfDeletesAndUpdates_EqualsTheSameChangesOneAtATime()
    {
        var model = new ScaleModel(2, 2, 6, ChassisName, spareFloatingIps: 2);
        var batched = Bound(model);
        batched.HandleBatch(Objects(model).Select(Put));
        var oneByOne = Bound(model);
        oneByOne.HandleBatch(Objects(model).Select(Put));

        // A network's VM ports go, a floating IP is associated, the default group gains a
        // rule, a new port appears: one transaction.
        static bool IsVm(LogicalPort p) => p.DeviceOwner.StartsWith("compute", StringComparison.Ordinal);
        var network = batched.State.Networks.First(n => batched.State.PortsOfNetwork(n.Id).Any(IsVm));
        var gone = batched.State.PortsOfNetwork(network.Id).Where(IsVm).ToList();
        var spare = (FloatingIp)batched.State.Get(NbTables.NameOf<FloatingIp>(), ScaleModel.SpareFloatingIpId(0))!;
        var group = (SecurityGroup)batched.State.Get(NbTables.NameOf<SecurityGroup>(), ScaleModel.DefaultSecurityGroupId)!;
        List<(string Table, string Id, NbObject? Value)> changes =
        [
            .. gone.Select(p => (p.Table, p.Id, (NbObject?)null)),
            Put(model.Associate(spare, 1)),
            Put(group with { Rules = [.. group.Rules, ScaleModel.ExtraRule(0)] }),
            Put(model.ExtraPort(1)),
        ];
        gone.Count.ShouldBeGreaterThan(0);

        batched.HandleBatch(changes);
        foreach (var change in changes)
        {
            oneByOne.HandleBatch([change]);
        }

        Canonical(batched).ShouldBe(Canonical(oneByOne));
        Canonical(batched).ShouldBe(Canonical(FullRecompute(batched)));
    }

    [Fact]
    public void BulkBatches_TreatEveryKeyAsDirty_AndTheDiffStillBringsTheSwitchToTheTable()
    {
        var model = new ScaleModel(2, 2, 6, ChassisName, spareFloatingIps: 2);
        var bulk = Bound(model, bulkOwners: 1);
        var tracked = Bound(model);
        var reconciler = new FlowReconciler();
        reconciler.Acknowledge(reconciler.Diff(bulk.Desired, bulk.Desired.TakeDirty()));

        // The whole model, then a batch that deletes a network's VM ports and adds a rule.
        bulk.HandleBatch(Objects(model).Select(Put));
        tracked.HandleBatch(Objects(model).Select(Put));
        reconciler.Acknowledge(reconciler.Diff(bulk.Desired, bulk.Desired.TakeDirty()));
        reconciler.FullDiff(bulk.Desired).IsEmpty.ShouldBeTrue();

        var network = bulk.State.Networks.First(n => bulk.State.PortsOfNetwork(n.Id).Any(p => p.DeviceOwner.StartsWith("compute", StringComparison.Ordinal)));
        var group = (SecurityGroup)bulk.State.Get(NbTables.NameOf<SecurityGroup>(), ScaleModel.DefaultSecurityGroupId)!;
        List<(string Table, string Id, NbObject? Value)> changes =
        [
            .. bulk.State.PortsOfNetwork(network.Id).Where(p => p.DeviceOwner.StartsWith("compute", StringComparison.Ordinal)).Select(p => (p.Table, p.Id, (NbObject?)null)),
            Put(group with { Rules = [.. group.Rules, ScaleModel.ExtraRule(0)] }),
        ];
        bulk.HandleBatch(changes);
        tracked.HandleBatch(changes);
        var dirty = bulk.Desired.TakeDirty();
        var diff = reconciler.Diff(bulk.Desired, dirty);

        dirty.Count.ShouldBeGreaterThan(bulk.Desired.Count, "every key, and the removed ones");
        diff.Deletes.Count.ShouldBeGreaterThan(0);
        reconciler.Acknowledge(diff);
        reconciler.FullDiff(bulk.Desired).IsEmpty.ShouldBeTrue();
        Canonical(bulk).ShouldBe(Canonical(tracked));
    }

    private static (string Table, string Id, NbObject? Value) Put(NbObject o) => (o.Table, o.Id, o);

    private static List<NbObject> Objects(ScaleModel model) => [.. model.Build().Operations.Select(op => op.Value!)];

    // The chassis as the benchmark sets it up, every VM port (and the extra ones) plugged before the model arrives.
    private static FlowEngine Bound(ScaleModel model, int bulkOwners = 1000) =>
        ScaleChassis.Started(ChassisName, bulkOwners: bulkOwners).Plug(model.PortIds.Append(model.ExtraPort(1).Id));

    private static FlowEngine FullRecompute(FlowEngine engine) => ScaleChassis.FullRecompute(engine);

    private static List<string> Canonical(FlowEngine engine) =>
        [.. engine.Desired.All.Select(f => $"{f.Key} {f.Owner} {string.Join(";", f.Instructions)}").Order(StringComparer.Ordinal)];
}
