using Wyvern.Ovsdb.Values;

namespace Wyvern.Ovsdb.Rows;

/// <summary>A <c>Port</c> row (ovs-vswitchd.conf.db(5)): a bridge port with one or more interfaces.</summary>
public sealed record PortRow(
    Guid Uuid,
    string Name,
    IReadOnlyList<Guid> Interfaces,
    long? Tag,
    IReadOnlyDictionary<string, string> ExternalIds,
    IReadOnlyDictionary<string, string> OtherConfig)
{
    /// <summary>The table's name.</summary>
    public const string Table = "Port";

    /// <summary>The columns <see cref="From"/> reads.</summary>
    public static readonly IReadOnlyList<string> Columns = ["name", "interfaces", "tag", "external_ids", "other_config"];

    /// <summary>Reads the typed row from a generic row (missing columns read as empty).</summary>
    public static PortRow From(OvsdbRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(
            row.Uuid,
            row.GetString("name") ?? "",
            row.GetUuids("interfaces"),
            row.GetInteger("tag"),
            row.GetStringMap("external_ids"),
            row.GetStringMap("other_config"));
    }
}
