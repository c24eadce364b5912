using System.Globalization;
using System.Text.Json;
using Wyvern.Ovsdb.Errors;

namespace Wyvern.Ovsdb.Values;

/// <summary>
/// RFC 7047 §5.1 notation for atoms and values:
/// <c>&lt;atom&gt;</c> is a JSON number, string or boolean, or <c>["uuid", "&lt;id&gt;"]</c> /
/// <c>["named-uuid", "&lt;id&gt;"]</c>; <c>&lt;set&gt;</c> is an atom (a set of one) or
/// <c>["set", [atom…]]</c>; <c>&lt;map&gt;</c> is <c>["map", [[key, value]…]]</c>.
/// Malformed input gives an <see cref="OvsdbProtocolException"/>.
/// </summary>
public static class OvsdbJson
{
    /// <summary>Writes a value: a set of exactly one atom is written as the bare atom.</summary>
    public static void WriteValue(Utf8JsonWriter writer, OvsdbValue value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.IsMap)
        {
            writer.WriteStartArray();
            writer.WriteStringValue("map");
            writer.WriteStartArray();
            for (var i = 0; i < value.Count; i++)
            {
                writer.WriteStartArray();
                WriteAtom(writer, value.Keys[i]);
                WriteAtom(writer, value.Values[i]);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteEndArray();
            return;
        }

        if (value.Count == 1)
        {
            WriteAtom(writer, value.Keys[0]);
            return;
        }

        writer.WriteStartArray();
        writer.WriteStringValue("set");
        writer.WriteStartArray();
        foreach (var atom in value.Keys)
        {
            WriteAtom(writer, atom);
        }

        writer.WriteEndArray();
        writer.WriteEndArray();
    }

    /// <summary>Writes one atom.</summary>
    public static void WriteAtom(Utf8JsonWriter writer, OvsdbAtom atom)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (atom.Kind)
        {
            case OvsdbAtomKind.Integer:
                writer.WriteNumberValue(atom.AsInteger);
                break;
            case OvsdbAtomKind.Real:
                WriteReal(writer, atom.AsReal);
                break;
            case OvsdbAtomKind.Boolean:
                writer.WriteBooleanValue(atom.AsBoolean);
                break;
            case OvsdbAtomKind.String:
                writer.WriteStringValue(atom.AsString);
                break;
            case OvsdbAtomKind.Uuid:
                writer.WriteStartArray();
                writer.WriteStringValue("uuid");
                writer.WriteStringValue(atom.AsUuid.ToString("D"));
                writer.WriteEndArray();
                break;
            default:
                writer.WriteStartArray();
                writer.WriteStringValue("named-uuid");
                writer.WriteStringValue(atom.AsNamedUuid);
                writer.WriteEndArray();
                break;
        }
    }

    // A real is written with a fraction or exponent so that a reader without the schema
    // (ours included) does not take 1.0 for the integer 1.
    private static void WriteReal(Utf8JsonWriter writer, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"OVSDB reals must be finite, got {value}", nameof(value));
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        writer.WriteRawValue(text.AsSpan().IndexOfAny('.', 'E', 'e') < 0 ? text + ".0" : text);
    }

    /// <summary>Reads a value without a schema: a bare atom is a set of one.</summary>
    public static OvsdbValue ReadValue(JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.Array && json.GetArrayLength() == 2
            && json[0].ValueKind == JsonValueKind.String && json[1].ValueKind == JsonValueKind.Array)
        {
            var tag = json[0].GetString();
            if (tag == "set")
            {
                var atoms = new List<OvsdbAtom>(json[1].GetArrayLength());
                foreach (var element in json[1].EnumerateArray())
                {
                    atoms.Add(ReadAtom(element));
                }

                return OvsdbValue.Set(atoms);
            }

            if (tag == "map")
            {
                var pairs = new List<KeyValuePair<OvsdbAtom, OvsdbAtom>>(json[1].GetArrayLength());
                foreach (var pair in json[1].EnumerateArray())
                {
                    if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2)
                    {
                        throw new OvsdbProtocolException($"map pair must be a 2-element array, got {pair.GetRawText()}");
                    }

                    pairs.Add(KeyValuePair.Create(ReadAtom(pair[0]), ReadAtom(pair[1])));
                }

                try
                {
                    return OvsdbValue.Map(pairs);
                }
                catch (ArgumentException e)
                {
                    throw new OvsdbProtocolException(e.Message, e);
                }
            }
        }

        return OvsdbValue.Atom(ReadAtom(json));
    }

    /// <summary>Reads one atom.</summary>
    public static OvsdbAtom ReadAtom(JsonElement json)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.String:
                return OvsdbAtom.String(json.GetString()!);
            case JsonValueKind.True:
                return OvsdbAtom.Boolean(true);
            case JsonValueKind.False:
                return OvsdbAtom.Boolean(false);
            case JsonValueKind.Number:
                return json.TryGetInt64(out var integer) && IsIntegerText(json)
                    ? OvsdbAtom.Integer(integer)
                    : OvsdbAtom.Real(json.GetDouble());
            case JsonValueKind.Array when json.GetArrayLength() == 2
                && json[0].ValueKind == JsonValueKind.String && json[1].ValueKind == JsonValueKind.String:
                var tag = json[0].GetString();
                var text = json[1].GetString()!;
                if (tag == "uuid")
                {
                    return Guid.TryParseExact(text, "D", out var uuid)
                        ? OvsdbAtom.Uuid(uuid)
                        : throw new OvsdbProtocolException($"malformed uuid \"{text}\"");
                }

                if (tag == "named-uuid" && text.Length > 0)
                {
                    return OvsdbAtom.NamedUuid(text);
                }

                break;
        }

        throw new OvsdbProtocolException($"not an OVSDB atom: {Truncate(json.GetRawText())}");
    }

    /// <summary>Parses the text of a uuid as OVSDB writes it (in a row's <c>_uuid</c> or a table-updates key).</summary>
    public static Guid ParseUuid(string text) =>
        Guid.TryParseExact(text, "D", out var uuid) ? uuid : throw new OvsdbProtocolException($"malformed uuid \"{text}\"");

    private static bool IsIntegerText(JsonElement number)
    {
        var raw = number.GetRawText();
        return raw.IndexOfAny(['.', 'e', 'E']) < 0;
    }

    internal static string Truncate(string text) =>
        text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…(", text.Length.ToString(CultureInfo.InvariantCulture), " chars)");
}
