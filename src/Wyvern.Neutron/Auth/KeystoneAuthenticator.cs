using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Wyvern.Neutron.Auth;

/// <summary>
/// Validates <c>X-Auth-Token</c> with Keystone v3 (<c>GET /v3/auth/tokens</c>, the token validating
/// itself as both <c>X-Auth-Token</c> and <c>X-Subject-Token</c>), caching the answer for
/// <see cref="NeutronOptions.TokenCacheTtl"/> but never past the token's <c>expires_at</c>.
/// </summary>
internal sealed class KeystoneAuthenticator : IAuthenticator
{
    private const int MaxCachedTokens = 10_000;
    private readonly HttpClient _http;
    private readonly NeutronOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, CachedToken> _cache = new(StringComparer.Ordinal);

    public KeystoneAuthenticator(HttpClient http, NeutronOptions options, TimeProvider time)
    {
        _http = http;
        _options = options;
        _time = time;
        if (options.KeystoneUrl is null)
        {
            throw new ArgumentException("keystone auth mode needs NeutronOptions.KeystoneUrl", nameof(options));
        }
    }

    public async ValueTask<RequestContext> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var token = request.Headers["X-Auth-Token"].ToString();
        if (token.Length == 0)
        {
            throw NeutronErrors.Unauthorized();
        }
        var now = _time.GetUtcNow();
        if (_cache.TryGetValue(token, out var cached) && cached.ValidUntil > now)
        {
            return cached.Context;
        }
        var validated = await ValidateAsync(token, now, cancellationToken);
        if (_cache.Count >= MaxCachedTokens)
        {
            // Tokens are short-lived: dropping the expired ones bounds the cache without an LRU.
            foreach (var (key, entry) in _cache)
            {
                if (entry.ValidUntil <= now)
                {
                    _cache.TryRemove(key, out _);
                }
            }
        }
        _cache[token] = validated;
        return validated.Context;
    }

    private async Task<CachedToken> ValidateAsync(string token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, new Uri(_options.KeystoneUrl!, "v3/auth/tokens"));
        message.Headers.Add("X-Auth-Token", token);
        message.Headers.Add("X-Subject-Token", token);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(message, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new NeutronException(503, "ServiceUnavailable", $"Keystone is unreachable: {e.Message}");
        }
        using (response)
        {
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw NeutronErrors.Unauthorized();
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new NeutronException(503, "ServiceUnavailable", $"Keystone answered {(int)response.StatusCode}");
            }
            using var document = await JsonDocument.ParseAsync(
                await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return Parse(document.RootElement, now);
        }
    }

    private CachedToken Parse(JsonElement root, DateTimeOffset now)
    {
        if (!root.TryGetProperty("token", out var token)
            || !token.TryGetProperty("project", out var project)
            || !project.TryGetProperty("id", out var projectId) || projectId.ValueKind != JsonValueKind.String)
        {
            // A token scoped to no project (unscoped or domain-scoped) cannot own Neutron resources.
            throw NeutronErrors.Unauthorized();
        }
        var roles = token.TryGetProperty("roles", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Select(e => e.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "").ToList()
            : [];
        var validUntil = now + _options.TokenCacheTtl;
        if (token.TryGetProperty("expires_at", out var expires) && expires.TryGetDateTimeOffset(out var expiresAt))
        {
            if (expiresAt <= now)
            {
                throw NeutronErrors.Unauthorized();
            }
            validUntil = expiresAt < validUntil ? expiresAt : validUntil;
        }
        return new CachedToken(RoleRules.ContextFor(projectId.GetString()!, roles), validUntil);
    }

    private sealed record CachedToken(RequestContext Context, DateTimeOffset ValidUntil);
}
