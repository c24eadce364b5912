namespace Wyvern.Model;

/// <summary>
/// Chooses a router's gateway chassis (the list <see cref="GatewaySelection"/>
/// reads): the live chassis that can serve the external network's physical
/// network, least loaded first, ties broken by name, at most
/// <see cref="MaxCandidates"/>. Load is the number of routers whose first
/// entry is that chassis (where their NAT state lives while it is alive).
/// Pure: the same inputs give the same list on every API node and controller.
/// </summary>
public static class GatewayScheduler
{
    /// <summary>How many chassis a router lists: the active one and two standbys.</summary>
    public const int MaxCandidates = 3;

    /// <summary>
    /// The physical network a router's gateway needs, or null when it has no gateway
    /// or its external network is not a flat/vlan network on a physical network.
    /// </summary>
    /// <param name="router">The router.</param>
    /// <param name="network">Looks a network up by id (null when missing).</param>
    public static string? PhysicalNetworkOf(LogicalRouter router, Func<string, LogicalSwitch?> network)
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(network);
        return router.ExternalGateway is { } gateway && network(gateway.NetworkId) is { PhysicalNetwork: { } physnet, NetworkType: NetworkType.Flat or NetworkType.Vlan }
            ? physnet
            : null;
    }

    /// <summary>The number of routers (other than <paramref name="exceptRouterId"/>) whose first gateway chassis is each chassis.</summary>
    public static Dictionary<string, int> Load(IEnumerable<LogicalRouter> routers, string? exceptRouterId = null)
    {
        ArgumentNullException.ThrowIfNull(routers);
        var load = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in routers)
        {
            if (r.Id != exceptRouterId && r.ExternalGateway is not null && r.GatewayChassis.Count > 0)
            {
                load[r.GatewayChassis[0]] = load.GetValueOrDefault(r.GatewayChassis[0]) + 1;
            }
        }
        return load;
    }

    /// <summary>
    /// The gateway chassis list for <paramref name="routerId"/> on <paramref name="physnet"/>:
    /// <paramref name="keepFirst"/> (when given and able to serve) first, then the other able
    /// chassis by load and name, at most <see cref="MaxCandidates"/>. Empty when no chassis can serve.
    /// </summary>
    /// <param name="routerId">The router being scheduled (its own current place does not count as load).</param>
    /// <param name="physnet">The physical network of its external network.</param>
    /// <param name="liveChassis">Every live chassis (leased records present).</param>
    /// <param name="routers">Every router, for the load.</param>
    /// <param name="keepFirst">A chassis to keep in front (the current active gateway), so NAT state does not move twice.</param>
    public static ValueList<string> Schedule(
        string routerId, string physnet, IEnumerable<Chassis> liveChassis, IEnumerable<LogicalRouter> routers, string? keepFirst = null)
    {
        ArgumentNullException.ThrowIfNull(liveChassis);
        var load = Load(routers, routerId);
        var able = liveChassis.Where(c => GatewaySelection.CanServe(c, physnet)).ToList();
        var result = new List<string>(MaxCandidates);
        if (keepFirst is not null && able.Any(c => c.Id == keepFirst))
        {
            result.Add(keepFirst);
        }
        result.AddRange(able
            .Where(c => c.Id != keepFirst)
            .OrderBy(c => load.GetValueOrDefault(c.Id))
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .Select(c => c.Id)
            .Take(MaxCandidates - result.Count));
        return new ValueList<string>([.. result]);
    }

    /// <summary>
    /// True when <paramref name="router"/> has a gateway whose list needs rewriting: it names
    /// no chassis, or its first entry cannot serve (lease expired, lost its mapping or capability).
    /// </summary>
    public static bool NeedsReschedule(LogicalRouter router, string physnet, Func<string, Chassis?> chassis)
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(chassis);
        return router.ExternalGateway is not null && (router.GatewayChassis.Count == 0 || !GatewaySelection.CanServe(chassis(router.GatewayChassis[0]), physnet));
    }

    /// <summary>
    /// True when <paramref name="router"/>'s list names fewer chassis that can serve than it could
    /// (<see cref="MaxCandidates"/>, or every able chassis when there are fewer): a standby died or a
    /// new able chassis appeared. Refilling keeps the first entry, so no NAT state moves, and the next
    /// failure needs no write.
    /// </summary>
    public static bool LacksStandbys(LogicalRouter router, string physnet, IEnumerable<Chassis> liveChassis)
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(liveChassis);
        var able = liveChassis.Where(c => GatewaySelection.CanServe(c, physnet)).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        return router.ExternalGateway is not null && router.GatewayChassis.Count(able.Contains) < Math.Min(MaxCandidates, able.Count);
    }
}
