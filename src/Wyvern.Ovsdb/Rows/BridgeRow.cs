using Wyvern.Ovsdb.Values;

namespace Wyvern.Ovsdb.Rows;

/// <summary>A <c>Bridge</c> row (ovs-vswitchd.conf.db(5)).</summary>
public sealed record BridgeRow(
    Guid Uuid,
    string Name,
    string DatapathType,
    string? FailMode,
    IReadOnlyList<string> Protocols,
    IReadOnlyList<Guid> Ports,
    IReadOnlyList<Guid> Controllers,
    IReadOnlyDictionary<string, string> ExternalIds,
    IReadOnlyDictionary<string, string> OtherConfig,
    string? DatapathId)
{
    /// <summary>The table's name.</summary>
    public const string Table = "Bridge";

    /// <summary>Reads the typed row from a generic row (missing columns read as empty).</summary>
    public static BridgeRow From(OvsdbRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(
            row.Uuid,
            row.GetString("name") ?? "",
            row.GetString("datapath_type") ?? "",
            row.GetString("fail_mode"),
            row.GetStrings("protocols"),
            row.GetUuids("ports"),
            row.GetUuids("controller"),
            row.GetStringMap("external_ids"),
            row.GetStringMap("other_config"),
            row.GetString("datapath_id"));
    }
}
