using System.Collections.Frozen;

namespace Wyvern.Model;

/// <summary>The northbound tables and the record type each holds.</summary>
public static class NbTables
{
    /// <summary><see cref="Model.Chassis"/>.</summary>
    public const string Chassis = "chassis";

    /// <summary><see cref="LogicalSwitch"/> (Neutron network).</summary>
    public const string Networks = "networks";

    /// <summary><see cref="Model.Subnet"/>.</summary>
    public const string Subnets = "subnets";

    /// <summary><see cref="LogicalPort"/>.</summary>
    public const string Ports = "ports";

    /// <summary><see cref="LogicalRouter"/> (with its <see cref="RouterPort"/>s).</summary>
    public const string Routers = "routers";

    /// <summary><see cref="FloatingIp"/>.</summary>
    public const string FloatingIps = "floating_ips";

    /// <summary><see cref="Model.SecurityGroup"/> (with its rules).</summary>
    public const string SecurityGroups = "security_groups";

    /// <summary><see cref="Neighbour"/>: resolved next hops of external subnets (written by controllers).</summary>
    public const string Neighbours = "neighbours";

    private static readonly FrozenDictionary<string, Type> ByName = new Dictionary<string, Type>
    {
        [Chassis] = typeof(Chassis),
        [Networks] = typeof(LogicalSwitch),
        [Subnets] = typeof(Subnet),
        [Ports] = typeof(LogicalPort),
        [Routers] = typeof(LogicalRouter),
        [FloatingIps] = typeof(FloatingIp),
        [SecurityGroups] = typeof(SecurityGroup),
        [Neighbours] = typeof(Neighbour),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<Type, string> ByType =
        ByName.ToFrozenDictionary(kv => kv.Value, kv => kv.Key);

    /// <summary>All table names.</summary>
    public static IReadOnlyCollection<string> All => ByName.Keys;

    /// <summary>The record type of <paramref name="table"/>, or null for an unknown table.</summary>
    public static Type? TypeOf(string table) => ByName.GetValueOrDefault(table);

    /// <summary>The table of record type <typeparamref name="T"/>.</summary>
    public static string NameOf<T>() where T : NbObject => NameOf(typeof(T));

    /// <summary>The table of <paramref name="type"/>; throws for a type that is not a table.</summary>
    public static string NameOf(Type type) =>
        ByType.TryGetValue(type, out var name) ? name : throw new ArgumentException($"{type.Name} is not a northbound table", nameof(type));
}
