using System.Text.Json;
using Wyvern.Ovsdb.Values;

namespace Wyvern.Ovsdb.Transactions;

/// <summary>RFC 7047 §5.1 <c>&lt;mutation&gt;</c>: <c>[column, mutator, value]</c>.</summary>
/// <param name="Column">Column name.</param>
/// <param name="Mutator">One of <c>+= -= *= /= %= insert delete</c>.</param>
/// <param name="Value">The operand.</param>
public sealed record OvsdbMutation(string Column, string Mutator, OvsdbValue Value)
{
    /// <summary>Adds elements to a set, or pairs whose keys are absent to a map.</summary>
    public static OvsdbMutation Insert(string column, OvsdbValue value) => new(column, "insert", value);

    /// <summary>Removes elements from a set; from a map, removes pairs (a map operand) or keys (a set operand).</summary>
    public static OvsdbMutation Delete(string column, OvsdbValue value) => new(column, "delete", value);

    /// <summary>Adds to an integer or real column.</summary>
    public static OvsdbMutation Add(string column, OvsdbValue value) => new(column, "+=", value);

    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        writer.WriteStringValue(Column);
        writer.WriteStringValue(Mutator);
        OvsdbJson.WriteValue(writer, Value);
        writer.WriteEndArray();
    }
}
