using Wyvern.Apps;
using Wyvern.Controller.Engine;
using Wyvern.Model;
using Wyvern.Pipeline;
using Wyvern.Scale;
using Wyvern.Controller.Tests.Scale;
using Wyvern.Testing;

namespace Wyvern.Controller.Tests.Engine;

/// <summary>
/// A change to a security group recomputes only the ports whose flows read what changed, and
/// those with the security-group app alone: a rule added to the group every port is in must not
/// rebuild every port (at 10,000 ports that was ~130,000 flows to change 10,000). A port changed
/// in the same batch still gets every app. Either way the table equals a full recompute.
/// </summary>
[Trait("Layer", Layer.Unit)]
public sealed class FlowEngineScopeTests
{
    private const string ChassisName = "scope-chassis";

    [Fact]
    public void RuleAdded_RecomputesNoPort_WhenItsPortsTakeRulesByKey_AndEqualsAFullRecompute()
    {
        var (engine, apps) = Loaded();
        var group = (SecurityGroup)engine.State.Get(NbTables.NameOf<SecurityGroup>(), ScaleModel.DefaultSecurityGroupId)!;
        engine.State.PortsOfSecurityGroup(group.Id).Count().ShouldBeGreaterThan(20);
        var before = engine.Desired.Count;

        Counting.Reset(apps);
        engine.HandleUpsert(group with { Rules = [.. group.Rules, ScaleModel.ExtraRule(0)] });

        // The rule names a prefix, not a group: no member's address flows change either.
        apps.Sum(a => a.PortOwners).ShouldBe(0);
        engine.Desired.Count.ShouldBeGreaterThan(before);
        Canonical(engine).ShouldBe(Canonical(FullRecompute(engine)));
    }

    [Fact]
    public void RuleNamingARemoteGroup_RecomputesItsMembers_WithTheSecurityGroupAppAlone()
    {
        var (engine, apps) = Loaded();
        var group = (SecurityGroup)engine.State.Get(NbTables.NameOf<SecurityGroup>(), ScaleModel.DefaultSecurityGroupId)!;
        var members = engine.State.PortsOfSecurityGroup(group.Id).Count();

        Counting.Reset(apps);
        engine.HandleUpsert(group with { Rules = [.. group.Rules, ScaleModel.ExtraRule(0) with { RemoteIpPrefix = null, RemoteGroupId = group.Id }] });

        apps.Where(a => a.Id != AppId.SecurityGroup).Sum(a => a.PortOwners).ShouldBe(0);
        apps.Single(a => a.Id == AppId.SecurityGroup).PortOwners.ShouldBe(members);
        Canonical(engine).ShouldBe(Canonical(FullRecompute(engine)));
    }

    [Fact]
    public void APortChangedInTheSameBatch_GetsEveryApp()
    {
        var (engine, apps) = Loaded();
        var group = (SecurityGroup)engine.State.Get(NbTables.NameOf<SecurityGroup>(), ScaleModel.DefaultSecurityGroupId)!;
        var port = engine.State.PortsOfSecurityGroup(group.Id).First(p => p.DeviceOwner.StartsWith("compute", StringComparison.Ordinal));
        var moved = port with { MacAddress = MacAddress.Parse("fa:16:3e:99:99:99") };

        Counting.Reset(apps);
        engine.HandleBatch(
        [
            (group.Table, group.Id, (NbObject?)(group with { Rules = [.. group.Rules, ScaleModel.ExtraRule(1)] })),
            (moved.Table, moved.Id, (NbObject?)moved),
        ]);

        apps.Single(a => a.Id == AppId.L2).PortOwners.ShouldBe(1);
        apps.Single(a => a.Id == AppId.PortSecurity).PortOwners.ShouldBe(1);
        Canonical(engine).ShouldBe(Canonical(FullRecompute(engine)));
        engine.Desired.All.ShouldContain(f => f.Owner == Owner.Port(port.Id).ToString() && f.App == AppId.L2);
    }

    [Fact]
    public void OwnerSet_EveryAppWinsOverOne_AndTwoDifferentAppsMeanEvery()
    {
        var set = new OwnerSet();
        var a = Owner.Port("a");
        var b = Owner.Port("b");
        set.Add(a, AppId.SecurityGroup);
        set.Add(a);
        set.Add(a, AppId.SecurityGroup);
        set.Add(b, AppId.SecurityGroup);
        set.Add(b, AppId.SecurityGroup);
        set.Entries.ToDictionary().ShouldBe(new Dictionary<Owner, AppId?> { [a] = null, [b] = AppId.SecurityGroup });
        set.Add(b, AppId.L2);
        set.Entries.ToDictionary()[b].ShouldBeNull();
    }

    private static (FlowEngine Engine, List<Counting> Apps) Loaded()
    {
        var model = new ScaleModel(1, 2, 12, ChassisName, spareFloatingIps: 1);
        var apps = FlowEngine.DefaultApps().Select(a => new Counting(a)).ToList();
        var engine = ScaleChassis.Started(ChassisName, apps).Plug(model.PortIds);
        engine.HandleBatch(model.Build().Operations.Select(op => (op.Value!.Table, op.Value.Id, (NbObject?)op.Value)));
        return (engine, apps);
    }

    private static FlowEngine FullRecompute(FlowEngine engine) => ScaleChassis.FullRecompute(engine);

    private static List<string> Canonical(FlowEngine engine) =>
        [.. engine.Desired.All.Select(f => $"{f.Key} {f.Owner} {f.App} {string.Join(";", f.Instructions)}").Order(StringComparer.Ordinal)];

    /// <summary>An app that counts the port owners it is asked about.</summary>
    private sealed class Counting(IApp inner) : IApp
    {
        public int PortOwners { get; private set; }

        public AppId Id => inner.Id;

        public static void Reset(IEnumerable<Counting> apps)
        {
            foreach (var app in apps)
            {
                app.PortOwners = 0;
            }
        }

        public void Consider(Owner owner, IChassisView view, ICollection<FlowSpec> flows)
        {
            if (owner.Kind == OwnerKind.Port)
            {
                PortOwners++;
            }
            inner.Consider(owner, view, flows);
        }
    }
}
