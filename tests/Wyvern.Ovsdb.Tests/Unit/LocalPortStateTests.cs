using System.Text;
using System.Text.Json;
using Wyvern.Ovsdb.Binding;
using Wyvern.Ovsdb.Monitoring;
using Wyvern.Ovsdb.Rows;
using Wyvern.Ovsdb.Schema;

namespace Wyvern.Ovsdb.Tests.Unit;

/// <summary>The binding's incremental path (Interface-only modifies) against the full recompute.</summary>
[Trait("Layer", "Unit")]
public sealed class LocalPortStateTests
{
    private const string Br = "00000000-0000-4000-8000-0000000000b1";
    private const string OtherBr = "00000000-0000-4000-8000-0000000000b2";
    private const string P1 = "00000000-0000-4000-8000-0000000000a1";
    private const string P2 = "00000000-0000-4000-8000-0000000000a2";
    private const string P3 = "00000000-0000-4000-8000-0000000000a3";
    private const string P4 = "00000000-0000-4000-8000-0000000000a4";
    private const string I1 = "00000000-0000-4000-8000-0000000000c1"; // VM, ready
    private const string I2 = "00000000-0000-4000-8000-0000000000c2"; // VM, not ready yet
    private const string I3 = "00000000-0000-4000-8000-0000000000c3"; // vxlan tunnel
    private const string I4 = "00000000-0000-4000-8000-0000000000c4"; // on another bridge

    private static readonly string Snapshot = """
        {"Bridge":{
          "@Br@":{"initial":{"name":"br-int","ports":["set",[["uuid","@P1@"],["uuid","@P2@"],["uuid","@P3@"]]]}},
          "@OtherBr@":{"initial":{"name":"br-ex","ports":["uuid","@P4@"]}}},
         "Port":{
          "@P1@":{"initial":{"name":"tap1","interfaces":["uuid","@I1@"]}},
          "@P2@":{"initial":{"name":"tap2","interfaces":["uuid","@I2@"]}},
          "@P3@":{"initial":{"name":"vxlan-vt","interfaces":["uuid","@I3@"]}},
          "@P4@":{"initial":{"name":"tap4","interfaces":["uuid","@I4@"]}}},
         "Interface":{
          "@I1@":{"initial":{"name":"tap1","ofport":1,"external_ids":["map",[["iface-id","port-1"],["attached-mac","fa:16:3e:00:00:01"]]]}},
          "@I2@":{"initial":{"name":"tap2","external_ids":["map",[["iface-id","port-2"]]]}},
          "@I3@":{"initial":{"name":"vxlan-vt","type":"vxlan","ofport":10,"options":["map",[["key","flow"],["remote_ip","flow"]]]}},
          "@I4@":{"initial":{"name":"tap4","ofport":3,"external_ids":["map",[["iface-id","port-4"]]]}}}}
        """;

    [Fact]
    public void IncrementalInterfaceChanges_GiveTheSameViewAsAFullRecompute_AndTheRightEvents()
    {
        var monitor = NewMonitor();
        monitor.ApplySnapshot(Encoding.UTF8.GetBytes(Expand(Snapshot)), version2: true, Schema());

        var state = LocalPortState.Initial("br-int");
        var (afterInitial, initial) = state.Apply(Next(monitor));
        initial.Select(e => (e.Kind, e.Port.Name)).ShouldBe([(LocalPortEventKind.Plugged, "tap1"), (LocalPortEventKind.Plugged, "vxlan-vt")]);
        state = afterInitial;

        (string Modify, (LocalPortEventKind, string)[] Expected)[] steps =
        [
            ("""{"Interface":{"@I2@":{"modify":{"ofport":2}}}}""", [(LocalPortEventKind.Plugged, "tap2")]),
            ("""{"Interface":{"@I3@":{"modify":{"ofport":100}}}}""", [(LocalPortEventKind.OfportChanged, "vxlan-vt")]),
            ("""{"Interface":{"@I1@":{"modify":{"link_state":"up"}}}}""", [(LocalPortEventKind.Updated, "tap1")]),
            ("""{"Interface":{"@I1@":{"modify":{"external_ids":["map",[["iface-id","port-9"]]]}}}}""",
                [(LocalPortEventKind.Unplugged, "tap1"), (LocalPortEventKind.Plugged, "tap1")]),
            ("""{"Interface":{"@I4@":{"modify":{"ofport":4}}}}""", []),
            ("""{"Interface":{"@I2@":{"modify":{"ofport":-1}},"@I3@":{"modify":{"ofport":101}}}}""",
                [(LocalPortEventKind.Unplugged, "tap2"), (LocalPortEventKind.OfportChanged, "vxlan-vt")]),
            ("""{"Port":{"@P1@":{"delete":null}},"Bridge":{"@Br@":{"modify":{"ports":["uuid","@P1@"]}}},"Interface":{"@I1@":{"delete":null}}}""",
                [(LocalPortEventKind.Unplugged, "tap1")]),
        ];

        foreach (var (modify, expected) in steps)
        {
            monitor.ApplyNotification(Encoding.UTF8.GetBytes(Expand(modify)), version2: true);
            var update = Next(monitor);
            var (next, events) = state.Apply(update);
            events.Select(e => (e.Kind, e.Port.Name)).ShouldBe(expected, modify);
            next.View.Ports.ShouldBe(LocalPortBindingMonitor.Compute(update.View, "br-int").Ports, ignoreOrder: true, modify);
            next.View.VmPorts.Keys.ShouldBe(LocalPortBindingMonitor.Compute(update.View, "br-int").VmPorts.Keys, ignoreOrder: true);
            next.View.TunnelPorts.ShouldBe(LocalPortBindingMonitor.Compute(update.View, "br-int").TunnelPorts, ignoreOrder: true);
            state = next;
        }

        state.View.VmPorts.Keys.ShouldBeEmpty();
        state.View.TunnelPorts["vxlan"].Ofport.ShouldBe(101);
    }

    private static string Expand(string json) => new[] { ("Br", Br), ("OtherBr", OtherBr), ("P1", P1), ("P2", P2), ("P3", P3), ("P4", P4),
        ("I1", I1), ("I2", I2), ("I3", I3), ("I4", I4) }.Aggregate(json, (text, t) => text.Replace("@" + t.Item1 + "@", t.Item2, StringComparison.Ordinal));

    private static OvsdbMonitorUpdate Next(OvsdbMonitor monitor)
    {
        monitor.Updates.TryRead(out var update).ShouldBeTrue();
        return update!;
    }

    private static OvsdbMonitor NewMonitor() => new(null, "m", "Open_vSwitch",
    [
        new OvsdbMonitorRequest(BridgeRow.Table, ["name", "ports"]),
        new OvsdbMonitorRequest(PortRow.Table, ["name", "interfaces"]),
        new OvsdbMonitorRequest(InterfaceRow.Table, LocalPortBindingMonitor.InterfaceColumns),
    ]);

    private static OvsdbSchema Schema()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Fixtures.OvsProcesses.Schema));
        return OvsdbSchema.Parse(json.RootElement);
    }
}
