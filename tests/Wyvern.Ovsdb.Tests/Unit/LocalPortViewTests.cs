using Wyvern.Ovsdb.Binding;

namespace Wyvern.Ovsdb.Tests.Unit;

[Trait("Layer", "Unit")]
public sealed class LocalPortViewTests
{
    private static LocalPort Vm(int n, int ofport, string? portId = null) =>
        new(new Guid(n, 0, 0, new byte[8]), $"tap{n}", LocalPortKind.Vm, ofport, portId ?? $"port-{n}", "fa:16:3e:00:00:01", true, true, null, null, null);

    private static LocalPortView View(params LocalPort[] ports) => new(ports);

    [Fact]
    public void Diff_OrdersUnplugsThenChangesThenPlugs()
    {
        var before = View(Vm(1, 5), Vm(2, 6), Vm(3, 7));
        var after = View(Vm(2, 9), Vm(3, 7) with { LinkUp = false }, Vm(4, 8));

        before.DiffTo(after).Select(e => (e.Kind, e.Port.Name)).ShouldBe(
        [
            (LocalPortEventKind.Unplugged, "tap1"),
            (LocalPortEventKind.OfportChanged, "tap2"),
            (LocalPortEventKind.Updated, "tap3"),
            (LocalPortEventKind.Plugged, "tap4"),
        ]);
    }

    [Fact]
    public void NewNeutronPortOnTheSameInterface_IsUnplugThenPlug()
    {
        View(Vm(1, 5, "old")).DiffTo(View(Vm(1, 5, "new"))).Select(e => (e.Kind, e.Port.NeutronPortId))
            .ShouldBe([(LocalPortEventKind.Unplugged, "old"), (LocalPortEventKind.Plugged, "new")]);
    }

    [Fact]
    public void SameView_NoEvents() => View(Vm(1, 5)).DiffTo(View(Vm(1, 5))).ShouldBeEmpty();

    [Fact]
    public void View_IndexesVmPortsByNeutronId() => View(Vm(1, 5)).FindVmPort("port-1")!.Ofport.ShouldBe(5);
}
