using System.Buffers.Text;
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

    /// <summary>Reads a value without a schema: a bare atom is a set of one. The reader is on
    /// the value's first token and is left on its last (as a JSON converter's Read is).</summary>
    public static OvsdbValue ReadValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return OvsdbValue.Atom(ReadAtom(ref reader));
        }

        var start = reader.TokenStartIndex;
        Next(ref reader, JsonTokenType.String, start);
        var isSet = reader.ValueTextEquals("set"u8);
        if (!isSet && !reader.ValueTextEquals("map"u8))
        {
            return OvsdbValue.Atom(ReadTaggedAtom(ref reader, start));
        }

        Next(ref reader, JsonTokenType.StartArray, start);
        OvsdbValue value;
        if (isSet)
        {
            var atoms = new List<OvsdbAtom>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                atoms.Add(ReadAtom(ref reader));
            }

            value = OvsdbValue.Set(atoms);
        }
        else
        {
            var pairs = new List<KeyValuePair<OvsdbAtom, OvsdbAtom>>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var pairStart = reader.TokenStartIndex;
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw Malformed("map pair must be a 2-element array", pairStart);
                }

                NextValue(ref reader, pairStart);
                var key = ReadAtom(ref reader);
                NextValue(ref reader, pairStart);
                var atom = ReadAtom(ref reader);
                Next(ref reader, JsonTokenType.EndArray, pairStart, "map pair must be a 2-element array");
                pairs.Add(KeyValuePair.Create(key, atom));
            }

            try
            {
                value = OvsdbValue.Map(pairs);
            }
            catch (ArgumentException e)
            {
                throw new OvsdbProtocolException(e.Message + $" (value at byte {start})", e);
            }
        }

        Next(ref reader, JsonTokenType.EndArray, start);
        return value;
    }

    /// <summary>Reads one atom; the reader is on its first token and is left on its last.</summary>
    public static OvsdbAtom ReadAtom(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return OvsdbAtom.String(reader.GetString()!);
            case JsonTokenType.True:
                return OvsdbAtom.Boolean(true);
            case JsonTokenType.False:
                return OvsdbAtom.Boolean(false);
            case JsonTokenType.Number:
                // 3 is an integer and 3.0 a real: the text decides, not the magnitude.
                return reader.TryGetInt64(out var integer) && reader.ValueSpan.IndexOfAny(".eE"u8) < 0
                    ? OvsdbAtom.Integer(integer)
                    : OvsdbAtom.Real(reader.GetDouble());
            case JsonTokenType.StartArray:
                var start = reader.TokenStartIndex;
                Next(ref reader, JsonTokenType.String, start);
                return ReadTaggedAtom(ref reader, start);
            default:
                throw Malformed($"not an OVSDB atom: {reader.TokenType}", reader.TokenStartIndex);
        }
    }

    /// <summary>Reads a <c>_uuid</c>-style key (a table-updates row name) without allocating its text.</summary>
    public static Guid ReadUuidText(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && Utf8Parser.TryParse(reader.ValueSpan, out Guid uuid, out var consumed, 'D')
            && consumed == reader.ValueSpan.Length)
        {
            return uuid;
        }

        return ParseUuid(reader.GetString()!);
    }

    // ["uuid", "<id>"] or ["named-uuid", "<id>"]: the reader is on the tag.
    private static OvsdbAtom ReadTaggedAtom(ref Utf8JsonReader reader, long start)
    {
        var isUuid = reader.ValueTextEquals("uuid"u8);
        if (!isUuid && !reader.ValueTextEquals("named-uuid"u8))
        {
            throw Malformed($"unknown tag \"{reader.GetString()}\"", start);
        }

        Next(ref reader, JsonTokenType.String, start);
        var text = reader.GetString()!;
        Next(ref reader, JsonTokenType.EndArray, start);
        if (isUuid)
        {
            return Guid.TryParseExact(text, "D", out var uuid)
                ? OvsdbAtom.Uuid(uuid)
                : throw new OvsdbProtocolException($"malformed uuid \"{text}\"");
        }

        return text.Length > 0 ? OvsdbAtom.NamedUuid(text) : throw Malformed("empty named-uuid", start);
    }

    private static void Next(ref Utf8JsonReader reader, JsonTokenType expected, long start, string? what = null)
    {
        if (!reader.Read() || reader.TokenType != expected)
        {
            throw Malformed(what ?? $"expected {expected}, got {reader.TokenType}", start);
        }
    }

    private static void NextValue(ref Utf8JsonReader reader, long start)
    {
        if (!reader.Read() || reader.TokenType is JsonTokenType.EndArray or JsonTokenType.EndObject)
        {
            throw Malformed("map pair must be a 2-element array", start);
        }
    }

    private static OvsdbProtocolException Malformed(string what, long start) =>
        new($"not an OVSDB value at byte {start}: {what}");

    /// <summary>Parses the text of a uuid as OVSDB writes it (in a row's <c>_uuid</c> or a table-updates key).</summary>
    public static Guid ParseUuid(string text) =>
        Guid.TryParseExact(text, "D", out var uuid) ? uuid : throw new OvsdbProtocolException($"malformed uuid \"{text}\"");
}
