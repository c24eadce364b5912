using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Wyvern.Neutron.Http;

/// <summary>Reads a request body as Neutron does: JSON, an object, holding the resource under its member key.</summary>
internal static class RequestBody
{
    private const int MaxBytes = 1 << 20;

    /// <summary>The whole body as a JSON object; 400 for malformed JSON or anything else.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            throw new NeutronException(413, "HTTPRequestEntityTooLarge", "Request is too large.");
        }
        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            throw NeutronErrors.BadRequest($"Malformed request body: {e.Message}");
        }
        return node as JsonObject ?? throw NeutronErrors.BadRequest("Malformed request body: the body is not a JSON object");
    }

    /// <summary>The attributes under <paramref name="member"/>.</summary>
    public static async Task<JsonObject> ReadResourceAsync(HttpRequest request, string member, CancellationToken cancellationToken)
    {
        var body = await ReadObjectAsync(request, cancellationToken);
        if (body.Count != 1 || body[member] is not JsonObject attributes)
        {
            throw NeutronErrors.BadRequest($"Unable to find '{member}' in request body");
        }
        return attributes;
    }
}
