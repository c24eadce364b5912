using Wyvern.Controller.Engine;
using Wyvern.Model;
using Wyvern.Testing;

namespace Wyvern.Controller.Tests.Engine;

[Trait("Layer", Layer.Unit)]
public sealed class ChassisStateTests
{
    [Fact]
    public void PortsBoundTo_FollowsBindingChangesAndDeletes()
    {
        var state = new ChassisState("ch1");
        state.Upsert(Port("p2", "ch2"));
        state.Upsert(Port("p1", "ch2"));
        state.Upsert(Port("p3", "ch3"));
        state.Upsert(Port("p4", null));

        state.PortsBoundTo("ch2").Select(p => p.Id).ShouldBe(["p1", "p2"]);
        state.Upsert(Port("p1", "ch3"));
        state.Remove(NbTables.Ports, "p3");

        state.PortsBoundTo("ch2").Select(p => p.Id).ShouldBe(["p2"]);
        state.PortsBoundTo("ch3").Select(p => p.Id).ShouldBe(["p1"]);
        state.PortsBoundTo("nowhere").ShouldBeEmpty();
    }

    private static LogicalPort Port(string id, string? chassis) => new()
    {
        Id = id,
        NetworkId = "net",
        MacAddress = new MacAddress(0xfa163e000001),
        Binding = chassis is null ? null : new PortBinding(chassis),
    };
}
