using Wyvern.Ovsdb.Values;

namespace Wyvern.Ovsdb.Rows;

/// <summary>The single row of the <c>Open_vSwitch</c> table (ovs-vswitchd.conf.db(5)).</summary>
public sealed record OpenVSwitchRow(
    Guid Uuid,
    IReadOnlyList<Guid> Bridges,
    IReadOnlyDictionary<string, string> ExternalIds,
    IReadOnlyDictionary<string, string> OtherConfig,
    string? OvsVersion,
    IReadOnlyList<string> DatapathTypes,
    IReadOnlyList<string> InterfaceTypes)
{
    /// <summary>The table's name.</summary>
    public const string Table = "Open_vSwitch";

    /// <summary>Reads the typed row from a generic row (missing columns read as empty).</summary>
    public static OpenVSwitchRow From(OvsdbRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(
            row.Uuid,
            row.GetUuids("bridges"),
            row.GetStringMap("external_ids"),
            row.GetStringMap("other_config"),
            row.GetString("ovs_version"),
            row.GetStrings("datapath_types"),
            row.GetStrings("iface_types"));
    }
}
