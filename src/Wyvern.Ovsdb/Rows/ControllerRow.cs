using Wyvern.Ovsdb.Values;

namespace Wyvern.Ovsdb.Rows;

/// <summary>A <c>Controller</c> row (ovs-vswitchd.conf.db(5)): one OpenFlow controller target of a bridge.</summary>
public sealed record ControllerRow(
    Guid Uuid,
    string Target,
    bool IsConnected,
    string? Role,
    IReadOnlyDictionary<string, string> ExternalIds,
    IReadOnlyDictionary<string, string> OtherConfig)
{
    /// <summary>The table's name.</summary>
    public const string Table = "Controller";

    /// <summary>Reads the typed row from a generic row (missing columns read as empty).</summary>
    public static ControllerRow From(OvsdbRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(
            row.Uuid,
            row.GetString("target") ?? "",
            row.GetBoolean("is_connected") ?? false,
            row.GetString("role"),
            row.GetStringMap("external_ids"),
            row.GetStringMap("other_config"));
    }
}
