using System.Net;
using System.Text.Json.Nodes;

namespace Wyvern.Neutron.Tests;

/// <summary>A response: status, parsed body (null when empty) and raw text.</summary>
public sealed record ApiResponse(HttpStatusCode Status, JsonNode? Body, string Text)
{
    /// <summary>Asserts a Neutron error body with <paramref name="status"/> and <paramref name="type"/>; returns its message.</summary>
    public string ShouldBeError(HttpStatusCode status, string type)
    {
        Status.ShouldBe(status, Text);
        var error = Body?["NeutronError"];
        error.ShouldNotBeNull(Text);
        error["type"]!.GetValue<string>().ShouldBe(type, Text);
        error["detail"]!.GetValue<string>().ShouldBe("");
        return error["message"]!.GetValue<string>();
    }

    /// <summary>The items of a list response.</summary>
    public IReadOnlyList<JsonObject> Items(string key)
    {
        Status.ShouldBe(HttpStatusCode.OK, Text);
        return [.. Body![key]!.AsArray().Select(n => n!.AsObject())];
    }
}
