namespace Wyvern.Apps;

/// <summary>Flow priorities, shared so apps that write the same table agree on precedence.</summary>
internal static class Priorities
{
    /// <summary>Table miss: the default way on (or nothing, which drops).</summary>
    public const ushort Default = 0;

    /// <summary>Shared flows under the per-object entries of a table (port security's sender registers).</summary>
    public const ushort Shared = 10;

    /// <summary>Flooding of broadcast/multicast.</summary>
    public const ushort Flood = 50;

    /// <summary>An object's catch-all under its own entries (a port's MAC without an address).</summary>
    public const ushort Fallback = 90;

    /// <summary>A port's or router interface's own entry.</summary>
    public const ushort Entry = 100;

    /// <summary>Exceptions to entries (own ARP probes, diverted services).</summary>
    public const ushort Exception = 110;

    /// <summary>Routes: base + prefix length, so the longest prefix wins.</summary>
    public const ushort RouteBase = 200;

    /// <summary>Traffic to the router's own addresses, above every route.</summary>
    public const ushort RouterLocal = 300;
}
