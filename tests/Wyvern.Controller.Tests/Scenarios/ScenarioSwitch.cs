using Wyvern.Controller.Engine;
using Wyvern.Controller.Reconciler;
using Wyvern.Model;
using Wyvern.OpenFlow.Messages;
using Wyvern.Pipeline;
using Wyvern.Testing.Simulation;

namespace Wyvern.Controller.Tests.Scenarios;

/// <summary>
/// One chassis in a scenario: the real engine and reconciler feeding a
/// <see cref="FlowSimulator"/> through encoded flow mods, plus the checks
/// every scenario makes (layout, incremental == full, idempotence).
/// </summary>
internal sealed class ScenarioSwitch
{
    public ScenarioSwitch(string chassis = "chassis-1")
    {
        Engine = new FlowEngine(new ChassisState(chassis), FlowEngine.DefaultApps());
        Engine.RunAll();
        Sync();
    }

    public FlowEngine Engine { get; }

    public FlowReconciler Reconciler { get; } = new();

    public FlowSimulator Switch { get; } = new();

    /// <summary>Flow mods sent by the last <see cref="Sync"/>.</summary>
    public int LastSyncCount { get; private set; }

    /// <summary>Writes <paramref name="objects"/> as one store transaction (one batch), as the controller applies it.</summary>
    public ScenarioSwitch Put(params NbObject[] objects)
    {
        Engine.HandleBatch(objects.Select(o => (o.Table, o.Id, (NbObject?)o)));
        Sync();
        return this;
    }

    public ScenarioSwitch Delete<T>(string id) where T : NbObject
    {
        Engine.HandleDelete(NbTables.NameOf<T>(), id);
        Sync();
        return this;
    }

    public ScenarioSwitch Plug(string portId, int ofport)
    {
        Engine.HandleLocalBinding(portId, ofport);
        Sync();
        return this;
    }

    public ScenarioSwitch Tunnel(TunnelType type, int ofport)
    {
        Engine.HandleTunnelPort(type, ofport);
        Sync();
        return this;
    }

    public ScenarioSwitch Unplug(string portId)
    {
        Engine.HandleLocalBinding(portId, null);
        Sync();
        return this;
    }

    /// <summary>Sends the reconciler's diff to the simulated switch as encoded flow mods.</summary>
    public void Sync()
    {
        var diff = Reconciler.Diff(Engine.Desired, Engine.Desired.TakeDirty());
        Switch.ApplyEncoded(diff.ToFlowMods());
        Reconciler.Acknowledge(diff);
        LastSyncCount = diff.Count;
    }

    public SimTrace Send(uint inPort, byte[] frame) => Switch.Trace(SimPacket.FromFrame(inPort, frame));

    /// <summary>
    /// The checks every scenario makes: every flow fits the pipeline layout;
    /// the switch holds exactly the desired flows; a full recompute gives the
    /// same table as the incremental path; syncing again sends nothing.
    /// </summary>
    public void Verify()
    {
        var problems = Engine.Desired.All.SelectMany(FlowValidator.Check).ToList();
        problems.ShouldBeEmpty();

        Normalize(Switch.Flows).ShouldBe(Normalize(Engine.Desired.All.Select(FlowMods.Add)), ignoreOrder: true);

        var full = new FlowEngine(Engine.State, FlowEngine.DefaultApps());
        full.RunAll();
        Canonical(full.Desired).ShouldBe(Canonical(Engine.Desired), ignoreOrder: true);

        Sync();
        LastSyncCount.ShouldBe(0);
    }

    /// <summary>The desired table as text, to compare snapshots (change-then-revert).</summary>
    public List<string> Snapshot() => Canonical(Engine.Desired);

    private static List<string> Canonical(DesiredFlowTable table) =>
        [.. table.All.Select(f => $"{f.Key} {f.App} {string.Join(";", f.Instructions)}").Order(StringComparer.Ordinal)];

    private static List<string> Normalize(IEnumerable<FlowMod> mods) =>
        [.. mods.Select(m => $"{m.TableId}/{m.Priority}/{m.Match}/{m.Cookie:x}/{string.Join(";", m.Instructions)}")];
}
