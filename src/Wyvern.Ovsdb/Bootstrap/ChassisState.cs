using Wyvern.Ovsdb.Rows;
using Wyvern.Ovsdb.Transactions;
using Wyvern.Ovsdb.Values;

namespace Wyvern.Ovsdb.Bootstrap;

/// <summary>The switch configuration as read in one transaction: the root row and every bridge,
/// port, interface and controller.</summary>
internal sealed class ChassisState
{
    private static readonly string[] Tables =
        [OpenVSwitchRow.Table, BridgeRow.Table, PortRow.Table, InterfaceRow.Table, ControllerRow.Table];

    private ChassisState(
        OpenVSwitchRow? root,
        IReadOnlyList<BridgeRow> bridges,
        IReadOnlyDictionary<Guid, PortRow> ports,
        IReadOnlyDictionary<Guid, InterfaceRow> interfaces,
        IReadOnlyDictionary<Guid, ControllerRow> controllers)
    {
        Root = root;
        Bridges = bridges;
        Ports = ports;
        Interfaces = interfaces;
        Controllers = controllers;
    }

    public OpenVSwitchRow? Root { get; }

    public IReadOnlyList<BridgeRow> Bridges { get; }

    public IReadOnlyDictionary<Guid, PortRow> Ports { get; }

    public IReadOnlyDictionary<Guid, InterfaceRow> Interfaces { get; }

    public IReadOnlyDictionary<Guid, ControllerRow> Controllers { get; }

    public static async Task<ChassisState> ReadAsync(OvsdbClient client, string database, CancellationToken cancellationToken)
    {
        var result = await client.TransactAsync(database, [.. Tables.Select(t => OvsdbOperation.Select(t, [], ColumnsOf(t)))], cancellationToken);
        IEnumerable<OvsdbRow> Rows(int i) => result[i].Rows;
        return new ChassisState(
            Rows(0).Select(OpenVSwitchRow.From).FirstOrDefault(),
            [.. Rows(1).Select(BridgeRow.From)],
            Rows(2).Select(PortRow.From).ToDictionary(p => p.Uuid),
            Rows(3).Select(InterfaceRow.From).ToDictionary(i => i.Uuid),
            Rows(4).Select(ControllerRow.From).ToDictionary(c => c.Uuid));
    }

    // Ports and interfaces are one row per VM port (10,000 on a big chassis): read only what the
    // typed rows use. Every column of an interface (statistics, status, lacp_current, ...) made
    // the reply ~1.5 KB per interface, parsed whole at each controller start. The few other rows
    // are read whole.
    private static IReadOnlyList<string>? ColumnsOf(string table) => table switch
    {
        PortRow.Table => ["_uuid", .. PortRow.Columns],
        InterfaceRow.Table => ["_uuid", .. InterfaceRow.Columns],
        _ => null,
    };

    public BridgeRow? Bridge(string name) => Bridges.FirstOrDefault(b => b.Name == name);

    /// <summary>The bridge's ports, each with its first interface (Wyvern's ports have one).</summary>
    public IEnumerable<(PortRow Port, InterfaceRow Interface)> PortsOf(BridgeRow bridge)
    {
        foreach (var portUuid in bridge.Ports)
        {
            if (Ports.TryGetValue(portUuid, out var port)
                && port.Interfaces.Select(i => Interfaces.GetValueOrDefault(i)).FirstOrDefault(i => i is not null) is { } iface)
            {
                yield return (port, iface);
            }
        }
    }
}
