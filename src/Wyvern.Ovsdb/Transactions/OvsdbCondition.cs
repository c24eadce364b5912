using System.Text.Json;
using Wyvern.Ovsdb.Values;

namespace Wyvern.Ovsdb.Transactions;

/// <summary>RFC 7047 §5.1 <c>&lt;condition&gt;</c>: <c>[column, function, value]</c>.</summary>
/// <param name="Column">Column name (<c>_uuid</c> selects by row uuid).</param>
/// <param name="Function">One of <c>&lt; &lt;= == != &gt;= &gt; includes excludes</c>.</param>
/// <param name="Value">The value compared against.</param>
public sealed record OvsdbCondition(string Column, string Function, OvsdbValue Value)
{
    /// <summary><c>column == value</c>.</summary>
    public static OvsdbCondition Equal(string column, OvsdbValue value) => new(column, "==", value);

    /// <summary><c>column != value</c>.</summary>
    public static OvsdbCondition NotEqual(string column, OvsdbValue value) => new(column, "!=", value);

    /// <summary>The set or map in <c>column</c> includes every element of <c>value</c>.</summary>
    public static OvsdbCondition Includes(string column, OvsdbValue value) => new(column, "includes", value);

    /// <summary>The set or map in <c>column</c> has no element of <c>value</c>.</summary>
    public static OvsdbCondition Excludes(string column, OvsdbValue value) => new(column, "excludes", value);

    /// <summary>The row whose <c>_uuid</c> is <paramref name="uuid"/>.</summary>
    public static OvsdbCondition RowIs(Guid uuid) => Equal("_uuid", uuid);

    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        writer.WriteStringValue(Column);
        writer.WriteStringValue(Function);
        OvsdbJson.WriteValue(writer, Value);
        writer.WriteEndArray();
    }
}
