using System.Globalization;
using Wyvern.Ovsdb.Rows;
using Wyvern.Ovsdb.Transactions;
using Wyvern.Ovsdb.Values;

namespace Wyvern.Ovsdb.Bootstrap;

/// <summary>
/// Collects the operations of one bootstrap transaction. Inserts come first (interfaces,
/// ports, controllers, bridges), then changes to existing rows, so every named uuid is
/// defined before it is used. Ports and interfaces are never deleted explicitly: removing
/// a port from its bridge leaves it unreferenced and OVSDB collects it (non-root tables).
/// </summary>
internal sealed class BootstrapPlan
{
    private readonly List<OvsdbOperation> _inserts = [];
    private readonly List<OvsdbOperation> _bridgeInserts = [];
    private readonly List<OvsdbOperation> _changes = [];
    private readonly Dictionary<string, NewBridge> _newBridges = new(StringComparer.Ordinal);
    private int _names;

    public List<string> Changes { get; } = [];

    public bool IsEmpty => _inserts.Count == 0 && _bridgeInserts.Count == 0 && _changes.Count == 0 && _newBridges.Count == 0;

    public void Change(string description, OvsdbOperation operation)
    {
        Changes.Add(description);
        _changes.Add(operation);
    }

    /// <summary>Creates a bridge with its internal port (as <c>ovs-vsctl add-br</c> does).</summary>
    public void CreateBridge(string name, Dictionary<string, OvsdbValue> columns, string? controllerTarget)
    {
        var bridge = new NewBridge(NextName("bridge"), columns);
        _newBridges[name] = bridge;
        Changes.Add($"create bridge {name}");
        if (controllerTarget is not null)
        {
            var controller = NextName("controller");
            _inserts.Add(OvsdbOperation.Insert(ControllerRow.Table, new Dictionary<string, OvsdbValue> { ["target"] = controllerTarget }, controller));
            bridge.Columns["controller"] = OvsdbValue.Set(OvsdbAtom.NamedUuid(controller));
            Changes.Add($"set controller {controllerTarget} on {name}");
        }

        AddPort(name, null, name, new Dictionary<string, OvsdbValue> { ["type"] = "internal" }, describe: false);
    }

    /// <summary>Adds a one-interface port to a bridge (existing: <paramref name="bridgeUuid"/>; or created in this plan).</summary>
    public void AddPort(string bridgeName, Guid? bridgeUuid, string portName, Dictionary<string, OvsdbValue> interfaceColumns, bool describe = true)
    {
        var iface = NextName("iface");
        var port = NextName("port");
        interfaceColumns["name"] = portName;
        _inserts.Add(OvsdbOperation.Insert(InterfaceRow.Table, interfaceColumns, iface));
        _inserts.Add(OvsdbOperation.Insert(PortRow.Table, new Dictionary<string, OvsdbValue>
        {
            ["name"] = portName,
            ["interfaces"] = OvsdbValue.Set(OvsdbAtom.NamedUuid(iface)),
        }, port));
        if (describe)
        {
            Changes.Add($"add port {portName} to {bridgeName}");
        }

        if (_newBridges.TryGetValue(bridgeName, out var created))
        {
            created.Ports.Add(OvsdbAtom.NamedUuid(port));
        }
        else
        {
            _changes.Add(OvsdbOperation.Mutate(BridgeRow.Table, [OvsdbCondition.RowIs(bridgeUuid!.Value)],
                [OvsdbMutation.Insert("ports", OvsdbValue.Set(OvsdbAtom.NamedUuid(port)))]));
        }
    }

    /// <summary>Removes a port from its bridge.</summary>
    public void RemovePort(BridgeRow bridge, PortRow port) =>
        Change($"remove port {port.Name} from {bridge.Name}",
            OvsdbOperation.Mutate(BridgeRow.Table, [OvsdbCondition.RowIs(bridge.Uuid)],
                [OvsdbMutation.Delete("ports", OvsdbValue.UuidSet([port.Uuid]))]));

    /// <summary>The operations, or none if nothing needs to change.</summary>
    public IReadOnlyList<OvsdbOperation> Build()
    {
        foreach (var bridge in _newBridges.Values)
        {
            bridge.Columns["ports"] = OvsdbValue.Set(bridge.Ports);
            _bridgeInserts.Add(OvsdbOperation.Insert(BridgeRow.Table, bridge.Columns, bridge.UuidName));
            _changes.Add(OvsdbOperation.Mutate(OpenVSwitchRow.Table, [],
                [OvsdbMutation.Insert("bridges", OvsdbValue.Set(OvsdbAtom.NamedUuid(bridge.UuidName)))]));
        }

        _newBridges.Clear();
        return IsEmpty ? [] : [OvsdbOperation.Comment("wyvern: chassis bootstrap"), .. _inserts, .. _bridgeInserts, .. _changes];
    }

    public string NextName(string prefix) => prefix + (++_names).ToString(CultureInfo.InvariantCulture);

    private sealed record NewBridge(string UuidName, Dictionary<string, OvsdbValue> Columns)
    {
        public List<OvsdbAtom> Ports { get; } = [];
    }
}
