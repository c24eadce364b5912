using Wyvern.Ovsdb.Values;

namespace Wyvern.Ovsdb.Rows;

/// <summary>An <c>Interface</c> row (ovs-vswitchd.conf.db(5)). <c>Ofport</c> is the OpenFlow port
/// number ovs-vswitchd assigned: null while it has not looked at the interface yet, -1 if it
/// failed to create it.</summary>
public sealed record InterfaceRow(
    Guid Uuid,
    string Name,
    string Type,
    long? Ofport,
    long? OfportRequest,
    IReadOnlyDictionary<string, string> Options,
    IReadOnlyDictionary<string, string> ExternalIds,
    string? MacInUse,
    string? AdminState,
    string? LinkState,
    string? Error)
{
    /// <summary>The table's name.</summary>
    public const string Table = "Interface";

    /// <summary>The columns <see cref="From"/> reads (what a monitor needs).</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["name", "type", "ofport", "ofport_request", "options", "external_ids", "mac_in_use", "admin_state", "link_state", "error"];

    /// <summary>True when vswitchd has given the interface a usable OpenFlow port.</summary>
    public bool HasOfport => Ofport is > 0;

    /// <summary>Reads the typed row from a generic row (missing columns read as empty).</summary>
    public static InterfaceRow From(OvsdbRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(
            row.Uuid,
            row.GetString("name") ?? "",
            row.GetString("type") ?? "",
            row.GetInteger("ofport"),
            row.GetInteger("ofport_request"),
            row.GetStringMap("options"),
            row.GetStringMap("external_ids"),
            row.GetString("mac_in_use"),
            row.GetString("admin_state"),
            row.GetString("link_state"),
            row.GetString("error"));
    }
}
