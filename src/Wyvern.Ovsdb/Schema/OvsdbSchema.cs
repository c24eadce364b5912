using System.Text.Json;
using Wyvern.Ovsdb.Errors;
using Wyvern.Ovsdb.Values;

namespace Wyvern.Ovsdb.Schema;

/// <summary>
/// A database schema as the server reports it (RFC 7047 §3.2 <c>&lt;database-schema&gt;</c>,
/// the reply to <c>get_schema</c>). Read from the server, never hard-coded, so the client
/// follows whatever version of the Open_vSwitch schema the chassis runs.
/// </summary>
public sealed record OvsdbSchema(string Name, string Version, IReadOnlyDictionary<string, OvsdbTableSchema> Tables)
{
    /// <summary>The table, or null.</summary>
    public OvsdbTableSchema? Table(string name) => Tables.GetValueOrDefault(name);

    /// <summary>Parses a <c>get_schema</c> result.</summary>
    public static OvsdbSchema Parse(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object
            || !json.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
            || !json.TryGetProperty("tables", out var tables) || tables.ValueKind != JsonValueKind.Object)
        {
            throw new OvsdbProtocolException("schema needs a string \"name\" and an object \"tables\"");
        }

        var version = json.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        var parsed = new Dictionary<string, OvsdbTableSchema>(StringComparer.Ordinal);
        foreach (var table in tables.EnumerateObject())
        {
            parsed[table.Name] = ParseTable(table.Name, table.Value);
        }

        return new OvsdbSchema(name.GetString()!, version, parsed);
    }

    private static OvsdbTableSchema ParseTable(string name, JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object
            || !json.TryGetProperty("columns", out var columns) || columns.ValueKind != JsonValueKind.Object)
        {
            throw new OvsdbProtocolException($"table {name} needs an object \"columns\"");
        }

        var parsed = new Dictionary<string, OvsdbColumnSchema>(StringComparer.Ordinal);
        foreach (var column in columns.EnumerateObject())
        {
            if (column.Value.ValueKind != JsonValueKind.Object || !column.Value.TryGetProperty("type", out var type))
            {
                throw new OvsdbProtocolException($"column {name}.{column.Name} needs a \"type\"");
            }

            parsed[column.Name] = new OvsdbColumnSchema(
                column.Name,
                ParseType(type, $"{name}.{column.Name}"),
                Ephemeral: Flag(column.Value, "ephemeral", false),
                Mutable: Flag(column.Value, "mutable", true));
        }

        var indexes = new List<IReadOnlyList<string>>();
        if (json.TryGetProperty("indexes", out var idx) && idx.ValueKind == JsonValueKind.Array)
        {
            foreach (var index in idx.EnumerateArray())
            {
                if (index.ValueKind == JsonValueKind.Array)
                {
                    indexes.Add([.. index.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!)]);
                }
            }
        }

        // RFC 7047 §3.2: isRoot defaults to false.
        return new OvsdbTableSchema(name, parsed, Flag(json, "isRoot", false), indexes);
    }

    private static OvsdbColumnType ParseType(JsonElement json, string where)
    {
        if (json.ValueKind == JsonValueKind.String)
        {
            return new OvsdbColumnType(ParseBase(json, where), null, 1, 1);
        }

        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("key", out var key))
        {
            throw new OvsdbProtocolException($"column {where}: type needs a \"key\"");
        }

        var value = json.TryGetProperty("value", out var val) ? ParseBase(val, where) : null;
        var min = json.TryGetProperty("min", out var mn) && mn.ValueKind == JsonValueKind.Number && mn.TryGetInt64(out var m) ? m : 1;
        var max = 1L;
        if (json.TryGetProperty("max", out var mx))
        {
            max = mx.ValueKind == JsonValueKind.String && mx.GetString() == "unlimited" ? OvsdbColumnType.Unlimited
                : mx.ValueKind == JsonValueKind.Number && mx.TryGetInt64(out var x) ? x
                : throw new OvsdbProtocolException($"column {where}: bad max {mx.GetRawText()}");
        }

        return new OvsdbColumnType(ParseBase(key, where), value, min, max);
    }

    private static OvsdbBaseType ParseBase(JsonElement json, string where)
    {
        var typeName = json.ValueKind == JsonValueKind.String ? json
            : json.ValueKind == JsonValueKind.Object && json.TryGetProperty("type", out var t) ? t
            : throw new OvsdbProtocolException($"column {where}: bad base type {json.GetRawText()}");
        var kind = typeName.GetString() switch
        {
            "integer" => OvsdbAtomKind.Integer,
            "real" => OvsdbAtomKind.Real,
            "boolean" => OvsdbAtomKind.Boolean,
            "string" => OvsdbAtomKind.String,
            "uuid" => OvsdbAtomKind.Uuid,
            var other => throw new OvsdbProtocolException($"column {where}: unknown atomic type \"{other}\""),
        };
        if (json.ValueKind != JsonValueKind.Object)
        {
            return new OvsdbBaseType(kind);
        }

        var refTable = json.TryGetProperty("refTable", out var rt) && rt.ValueKind == JsonValueKind.String ? rt.GetString() : null;
        var weak = json.TryGetProperty("refType", out var rf) && rf.ValueKind == JsonValueKind.String && rf.GetString() == "weak";
        return new OvsdbBaseType(kind, refTable, weak);
    }

    private static bool Flag(JsonElement json, string name, bool fallback) =>
        json.TryGetProperty(name, out var flag) ? flag.ValueKind == JsonValueKind.True : fallback;
}
