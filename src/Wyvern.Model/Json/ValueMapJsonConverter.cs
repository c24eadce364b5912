using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wyvern.Model.Json;

/// <summary>Writes a <see cref="ValueMap"/> as a JSON object of strings (null reads as empty).</summary>
internal sealed class ValueMapJsonConverter : JsonConverter<ValueMap>
{
    public override bool HandleNull => true;

    public override ValueMap Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return ValueMap.Empty;
        }
        var items = JsonSerializer.Deserialize<Dictionary<string, string>>(ref reader, options) ?? [];
        return new ValueMap(items);
    }

    public override void Write(Utf8JsonWriter writer, ValueMap value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (key, item) in value)
        {
            writer.WriteString(key, item);
        }
        writer.WriteEndObject();
    }
}
