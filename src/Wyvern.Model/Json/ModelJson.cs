using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wyvern.Model.Json;

/// <summary>
/// The one <see cref="JsonSerializerOptions"/> for model records: snake_case names
/// (as Neutron writes them), enums as snake_case strings, IP addresses, CIDRs and
/// MACs as text, nulls omitted.
/// </summary>
public static class ModelJson
{
    /// <summary>Options shared by every store and test; read-only.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new IPAddressJsonConverter());
        options.Converters.Add(new IPNetworkJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
