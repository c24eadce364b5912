using System.Text.Json;
using Wyvern.Model;
using Wyvern.Model.Json;

namespace Wyvern.Northbound;

/// <summary>Object ↔ stored bytes (UTF-8 JSON of the concrete record, <see cref="ModelJson.Options"/>).</summary>
internal static class NbCodec
{
    public static byte[] Encode(NbObject value) =>
        JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), ModelJson.Options);

    /// <summary>Decodes a stored object and stamps it with its store version.</summary>
    public static NbObject Decode(string table, ReadOnlySpan<byte> json, long version)
    {
        var type = NbTables.TypeOf(table) ?? throw new NbUnavailableException($"unknown table '{table}' in the store");
        NbObject? value;
        try
        {
            value = (NbObject?)JsonSerializer.Deserialize(json, type, ModelJson.Options);
        }
        catch (JsonException e)
        {
            throw new NbUnavailableException($"undecodable object in table '{table}'", e);
        }
        return (value ?? throw new NbUnavailableException($"null object in table '{table}'")) with { Version = version };
    }

    public static string? ProjectOf(NbObject value) => (value as NeutronObject)?.ProjectId;
}
