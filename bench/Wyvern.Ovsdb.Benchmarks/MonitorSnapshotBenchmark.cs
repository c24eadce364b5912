using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Wyvern.Ovsdb.Binding;
using Wyvern.Ovsdb.Monitoring;
using Wyvern.Ovsdb.Rows;
using Wyvern.Ovsdb.Schema;

namespace Wyvern.Ovsdb.Benchmarks;

/// <summary>
/// The controller's start-up and steady-state cost on a chassis with 10,000 local ports:
/// applying the monitor's initial snapshot, computing the local-port view from it, and
/// handling one <c>update2</c> (an ofport change) with the view recomputed.
/// </summary>
[MemoryDiagnoser]
public class MonitorSnapshotBenchmark
{
    private const int Count = 10_000;
    private OvsdbSchema _schema = null!;
    private byte[] _snapshot = null!;
    private OvsdbMonitor _loaded = null!;
    private LocalPortState _state = null!;
    private int _ofport = 20_000;

    [GlobalSetup]
    public void Setup()
    {
        using var schemaJson = JsonDocument.Parse(File.ReadAllText("/usr/share/openvswitch/vswitch.ovsschema"));
        _schema = OvsdbSchema.Parse(schemaJson.RootElement);
        _snapshot = Encoding.UTF8.GetBytes(SnapshotJson.Build(Count));
        _loaded = NewMonitor();
        _loaded.ApplySnapshot(_snapshot, version2: true, _schema);
        _loaded.Updates.TryRead(out var initial);
        _state = LocalPortState.Initial("br-int").Apply(initial!).Next;
    }

    [Benchmark(Description = "apply 10k-interface update2 snapshot")]
    public int ApplySnapshot()
    {
        var monitor = NewMonitor();
        monitor.ApplySnapshot(_snapshot, version2: true, _schema);
        return monitor.View.Table(InterfaceRow.Table).Count;
    }

    [Benchmark(Description = "local-port view of 10k ports")]
    public int ComputeLocalPorts() => LocalPortBindingMonitor.Compute(_loaded.View, "br-int").Ports.Count;

    [Benchmark(Description = "one ofport update2 -> binding event")]
    public int OneOfportChange()
    {
        var modify = Encoding.UTF8.GetBytes(
            $"{{\"Interface\":{{\"{SnapshotJson.InterfaceUuid(42)}\":{{\"modify\":{{\"ofport\":{++_ofport}}}}}}}}}");
        _loaded.ApplyNotification(modify, version2: true);
        _loaded.Updates.TryRead(out var update);
        var (next, events) = _state.Apply(update!);
        _state = next;
        return events.Count;
    }

    private OvsdbMonitor NewMonitor() => new(null, "bench", "Open_vSwitch",
    [
        new OvsdbMonitorRequest(BridgeRow.Table, ["name", "ports"]),
        new OvsdbMonitorRequest(PortRow.Table, ["name", "interfaces"]),
        new OvsdbMonitorRequest(InterfaceRow.Table, InterfaceRow.Columns),
    ]);
}
