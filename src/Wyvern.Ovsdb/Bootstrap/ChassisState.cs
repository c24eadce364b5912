using Wyvern.Ovsdb.Rows;
using Wyvern.Ovsdb.Transactions;
using Wyvern.Ovsdb.Values;

namespace Wyvern.Ovsdb.Bootstrap;

/// <summary>The switch configuration the bootstrap plans from: the root row, every bridge and
/// controller, and the ports and interfaces it manages (<see cref="ReadAsync"/>).</summary>
internal sealed class ChassisState
{
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

    /// <summary>
    /// Reads the root row, every bridge and controller, and of the ports and interfaces only those
    /// the bootstrap manages: interfaces of a patch or tunnel type, the ports and interfaces named
    /// as it names its own, and every port or interface one of those references. A chassis has one
    /// Port and Interface per VM (10,000 on a big one); reading them all at every start cost a
    /// multi-megabyte reply for the handful of rows the plan looks at. A second transaction fetches
    /// the references the first could not know (a tunnel port of another name, a stale patch
    /// port's); usually there are none.
    /// </summary>
    public static async Task<ChassisState> ReadAsync(
        OvsdbClient client, ChassisBootstrapOptions options, CancellationToken cancellationToken)
    {
        var names = ManagedNames(options);
        var first = new List<OvsdbOperation>
        {
            OvsdbOperation.Select(OpenVSwitchRow.Table, []),
            OvsdbOperation.Select(BridgeRow.Table, []),
            OvsdbOperation.Select(ControllerRow.Table, []),
        };
        first.AddRange(ManagedTypes.Select(t => OvsdbOperation.Select(InterfaceRow.Table, [OvsdbCondition.Equal("type", t)], InterfaceColumns)));
        first.AddRange(names.Select(n => OvsdbOperation.Select(InterfaceRow.Table, [OvsdbCondition.Equal("name", n)], InterfaceColumns)));
        first.AddRange(names.Select(n => OvsdbOperation.Select(PortRow.Table, [OvsdbCondition.Equal("name", n)], PortColumns)));
        var result = await client.TransactAsync(options.Database, first, cancellationToken);
        var ports = new Dictionary<Guid, PortRow>();
        var interfaces = new Dictionary<Guid, InterfaceRow>();
        Collect(first, result, 3, ports, interfaces);

        // The ports of managed interfaces and the interfaces of named ports, where not read yet.
        var owned = ports.Values.SelectMany(p => p.Interfaces).ToHashSet();
        var second = interfaces.Keys.Where(i => !owned.Contains(i))
            .Select(i => OvsdbOperation.Select(PortRow.Table, [OvsdbCondition.Includes("interfaces", OvsdbAtom.Uuid(i))], PortColumns))
            .Concat(owned.Where(i => !interfaces.ContainsKey(i))
                .Select(i => OvsdbOperation.Select(InterfaceRow.Table, [OvsdbCondition.RowIs(i)], InterfaceColumns)))
            .ToList();
        if (second.Count > 0)
        {
            Collect(second, await client.TransactAsync(options.Database, second, cancellationToken), 0, ports, interfaces);
        }

        return new ChassisState(
            result[0].Rows.Select(OpenVSwitchRow.From).FirstOrDefault(),
            [.. result[1].Rows.Select(BridgeRow.From)],
            ports,
            interfaces,
            result[2].Rows.Select(ControllerRow.From).ToDictionary(c => c.Uuid));
    }

    private static readonly string[] ManagedTypes = ["patch", .. ChassisBootstrapOptions.KnownTunnelTypes];

    // Only what the typed rows use (with the row's own uuid); the few other rows are read whole.
    private static readonly string[] InterfaceColumns = ["_uuid", .. InterfaceRow.Columns];

    private static readonly string[] PortColumns = ["_uuid", .. PortRow.Columns];

    // The names the bootstrap gives its own ports (and their interfaces): one tunnel port per
    // type, both ends of each mapping's patch.
    private static IReadOnlyList<string> ManagedNames(ChassisBootstrapOptions options) =>
    [
        .. ChassisBootstrapOptions.KnownTunnelTypes.Select(ChassisBootstrapOptions.TunnelPortName),
        .. options.BridgeMappings.Values.SelectMany(b => new[] { ChassisBootstrapOptions.IntegrationPatchName(b), ChassisBootstrapOptions.ProviderPatchName(b) }),
    ];

    // The rows of selects from index `from` on, into the port and interface tables (a row found by two selects once).
    private static void Collect(
        List<OvsdbOperation> selects, OvsdbTransactResult result, int from, Dictionary<Guid, PortRow> ports, Dictionary<Guid, InterfaceRow> interfaces)
    {
        for (var i = from; i < selects.Count; i++)
        {
            foreach (var row in result[i].Rows)
            {
                if (selects[i].Table == InterfaceRow.Table)
                {
                    interfaces.TryAdd(row.Uuid, InterfaceRow.From(row));
                }
                else
                {
                    ports.TryAdd(row.Uuid, PortRow.From(row));
                }
            }
        }
    }

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
