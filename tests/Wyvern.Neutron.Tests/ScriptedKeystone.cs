using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Wyvern.Neutron.Tests;

/// <summary>
/// A Keystone v3 on loopback that knows a script of tokens and answers <c>GET /v3/auth/tokens</c>
/// as Keystone does (200 with the token body, 404 for an unknown subject token), counting validations.
/// </summary>
public sealed class ScriptedKeystone : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (string Project, string[] Roles, DateTimeOffset Expires)> _tokens = new();
    private int _validations;

    private ScriptedKeystone(WebApplication app) => _app = app;

    /// <summary>Where it listens.</summary>
    public Uri Url => new(_app.Urls.First() + "/");

    /// <summary>How many token validations it answered.</summary>
    public int Validations => _validations;

    public static async Task<ScriptedKeystone> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Services.AddRouting();
        var app = builder.Build();
        var keystone = new ScriptedKeystone(app);
        app.MapMethods("/v3/auth/tokens", ["GET"], keystone.ValidateAsync);
        await app.StartAsync();
        return keystone;
    }

    /// <summary>Adds a token scoped to <paramref name="project"/> with <paramref name="roles"/>.</summary>
    public void AddToken(string token, string project, string[] roles, DateTimeOffset? expires = null) =>
        _tokens[token] = (project, roles, expires ?? DateTimeOffset.UtcNow.AddHours(1));

    private async Task ValidateAsync(HttpContext http)
    {
        Interlocked.Increment(ref _validations);
        var subject = http.Request.Headers["X-Subject-Token"].ToString();
        var caller = http.Request.Headers["X-Auth-Token"].ToString();
        if (!_tokens.TryGetValue(caller, out _))
        {
            http.Response.StatusCode = 401;
            return;
        }
        if (!_tokens.TryGetValue(subject, out var token))
        {
            http.Response.StatusCode = 404;
            return;
        }
        var body = new JsonObject
        {
            ["token"] = new JsonObject
            {
                ["expires_at"] = token.Expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["project"] = new JsonObject { ["id"] = token.Project, ["name"] = token.Project },
                ["roles"] = new JsonArray([.. token.Roles.Select(r => (JsonNode)new JsonObject { ["id"] = r, ["name"] = r })]),
            },
        };
        http.Response.Headers["X-Subject-Token"] = subject;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
