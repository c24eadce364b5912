using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wyvern.Model.Json;

/// <summary>Writes an <see cref="IPNetwork"/> as a CIDR (<c>"10.0.0.0/24"</c>).</summary>
internal sealed class IPNetworkJsonConverter : JsonConverter<IPNetwork>
{
    public override IPNetwork Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        IPNetwork.TryParse(reader.GetString(), out var network) ? network : throw new JsonException("invalid CIDR");

    public override void Write(Utf8JsonWriter writer, IPNetwork value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
