namespace Wyvern.Model;

/// <summary>
/// Which chassis is a router's active gateway (centralized SNAT, fallback DNAT).
/// Every controller computes it from the same model, so all agree without
/// talking: the first chassis of <see cref="LogicalRouter.GatewayChassis"/>
/// (priority order, written by the scheduler) that is alive (its leased record
/// exists), gateway-capable and has a bridge mapping for the external network's
/// physical network. When the first one's lease expires, the next one takes
/// over at once; the scheduler then rewrites the list.
/// </summary>
public static class GatewaySelection
{
    /// <summary>True when <paramref name="chassis"/> is alive and may serve as gateway on <paramref name="physnet"/>.</summary>
    public static bool CanServe(Chassis? chassis, string physnet) =>
        chassis is { IsRemoteVtep: false, GatewayCapable: true } && chassis.BridgeMappings.ContainsKey(physnet);

    /// <summary>True when <paramref name="chassis"/> is alive and has a port on <paramref name="physnet"/> (does distributed DNAT).</summary>
    public static bool HasExternalPort(Chassis? chassis, string physnet) =>
        chassis is { IsRemoteVtep: false } && chassis.BridgeMappings.ContainsKey(physnet);

    /// <summary>The active gateway chassis of <paramref name="router"/>, or null when none of its gateway chassis can serve.</summary>
    /// <param name="router">The router.</param>
    /// <param name="chassis">Looks a live chassis up by name (null when its lease expired).</param>
    /// <param name="physnet">The physical network of the router's external network.</param>
    public static string? ActiveGateway(LogicalRouter router, Func<string, Chassis?> chassis, string physnet)
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(chassis);
        foreach (var name in router.GatewayChassis)
        {
            if (CanServe(chassis(name), physnet))
            {
                return name;
            }
        }
        return null;
    }
}
