using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wyvern.Model.Json;

/// <summary>Writes an <see cref="IPAddress"/> in its textual form (<c>"10.0.0.5"</c>, <c>"fd00::5"</c>).</summary>
internal sealed class IPAddressJsonConverter : JsonConverter<IPAddress>
{
    public override IPAddress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        IPAddress.TryParse(reader.GetString(), out var address) ? address : throw new JsonException("invalid IP address");

    public override void Write(Utf8JsonWriter writer, IPAddress value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
