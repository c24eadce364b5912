using System.Net;

namespace Wyvern.Model.Tests;

[Trait("Layer", "Unit")]
public class GatewaySchedulerTests
{
    private const string Physnet = "physnet1";

    private static Chassis Gw(string name, bool capable = true, string physnet = Physnet) => new()
    {
        Id = name,
        UnderlayIp = IPAddress.Loopback,
        GatewayCapable = capable,
        BridgeMappings = new ValueMap(new Dictionary<string, string> { [physnet] = "br-ex" }),
    };

    private static LogicalRouter Router(string id, params string[] gateways) => new()
    {
        Id = id,
        ExternalGateway = new ExternalGateway { NetworkId = "ext" },
        GatewayChassis = ValueList.Of(gateways),
    };

    [Fact]
    public void Schedule_RanksByLoadThenName_AndTakesAtMostThree()
    {
        Chassis[] chassis = [Gw("d"), Gw("c"), Gw("b"), Gw("a")];
        LogicalRouter[] routers = [Router("r1", "a"), Router("r2", "a"), Router("r3", "b")];

        var list = GatewayScheduler.Schedule("new", Physnet, chassis, routers);

        list.ShouldBe(ValueList.Of("c", "d", "b"));
    }

    [Fact]
    public void Schedule_SkipsChassisThatCannotServeThePhysicalNetwork()
    {
        Chassis[] chassis = [Gw("a", capable: false), Gw("b", physnet: "other"), Gw("c"), new Chassis { Id = "vtep", UnderlayIp = IPAddress.Loopback, IsRemoteVtep = true, GatewayCapable = true }];

        GatewayScheduler.Schedule("r", Physnet, chassis, []).ShouldBe(ValueList.Of("c"));
        GatewayScheduler.Schedule("r", "nowhere", chassis, []).Count.ShouldBe(0);
    }

    [Fact]
    public void Schedule_KeepsTheCurrentActiveGatewayFirst_EvenWhenItIsTheBusiest()
    {
        Chassis[] chassis = [Gw("a"), Gw("b"), Gw("c")];
        LogicalRouter[] routers = [Router("r1", "b"), Router("r2", "b"), Router("r3", "a")];

        GatewayScheduler.Schedule("r", Physnet, chassis, routers, keepFirst: "b").ShouldBe(ValueList.Of("b", "c", "a"));
    }

    [Fact]
    public void Schedule_IgnoresKeepFirst_WhenThatChassisCannotServe()
    {
        GatewayScheduler.Schedule("r", Physnet, [Gw("a"), Gw("b")], [], keepFirst: "gone").ShouldBe(ValueList.Of("a", "b"));
    }

    [Fact]
    public void Load_DoesNotCountTheRouterBeingScheduled()
    {
        // r is on a already: rescheduling it must not see a as busier because of r itself.
        LogicalRouter[] routers = [Router("r", "a"), Router("r2", "b")];

        GatewayScheduler.Schedule("r", Physnet, [Gw("a"), Gw("b")], routers).ShouldBe(ValueList.Of("a", "b"));
    }

    [Fact]
    public void NeedsReschedule_WhenEmptyOrFirstEntryIsGone_NotWhenOnlyAStandbyIsGone()
    {
        var live = new Dictionary<string, Chassis> { ["a"] = Gw("a"), ["b"] = Gw("b") };
        Chassis? Lookup(string n) => live.GetValueOrDefault(n);

        GatewayScheduler.NeedsReschedule(Router("r"), Physnet, Lookup).ShouldBeTrue();
        GatewayScheduler.NeedsReschedule(Router("r", "x", "a"), Physnet, Lookup).ShouldBeTrue();
        GatewayScheduler.NeedsReschedule(Router("r", "a", "x"), Physnet, Lookup).ShouldBeFalse();
        GatewayScheduler.NeedsReschedule(Router("r") with { ExternalGateway = null }, Physnet, Lookup).ShouldBeFalse();
    }

    [Fact]
    public void PhysicalNetworkOf_IsThatOfAFlatOrVlanExternalNetwork()
    {
        var flat = new LogicalSwitch { Id = "ext", NetworkType = NetworkType.Flat, PhysicalNetwork = Physnet, External = true };
        var vxlan = new LogicalSwitch { Id = "ext", NetworkType = NetworkType.Vxlan, External = true };

        GatewayScheduler.PhysicalNetworkOf(Router("r"), _ => flat).ShouldBe(Physnet);
        GatewayScheduler.PhysicalNetworkOf(Router("r"), _ => vxlan).ShouldBeNull();
        GatewayScheduler.PhysicalNetworkOf(Router("r"), _ => null).ShouldBeNull();
    }

    [Fact]
    public void LacksStandbys_WhenFewerAbleEntriesThanAbleChassis_UpToThree()
    {
        Chassis[] two = [Gw("a"), Gw("b")];
        Chassis[] four = [Gw("a"), Gw("b"), Gw("c"), Gw("d")];

        GatewayScheduler.LacksStandbys(Router("r", "a"), Physnet, two).ShouldBeTrue();
        GatewayScheduler.LacksStandbys(Router("r", "a", "gone"), Physnet, two).ShouldBeTrue();
        GatewayScheduler.LacksStandbys(Router("r", "b", "a"), Physnet, two).ShouldBeFalse();
        GatewayScheduler.LacksStandbys(Router("r", "a", "b", "c"), Physnet, four).ShouldBeFalse();
        GatewayScheduler.LacksStandbys(Router("r", "a", "b"), Physnet, four).ShouldBeTrue();
        GatewayScheduler.LacksStandbys(Router("r", "a"), Physnet, [Gw("a"), Gw("b", capable: false)]).ShouldBeFalse();
    }
}
