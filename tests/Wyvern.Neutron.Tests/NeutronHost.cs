using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Wyvern.Northbound.Embedded;

namespace Wyvern.Neutron.Tests;

/// <summary>
/// The Neutron API over a real embedded NB store in a fresh <c>/tmp/wy-xxxxxx</c> directory, served
/// in memory (TestServer) or on loopback (Kestrel, for real clients). Disposing removes everything.
/// </summary>
public sealed class NeutronHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private NeutronHost(WebApplication app, EmbeddedNbStore store, string directory, HttpClient client, Uri baseAddress)
    {
        _app = app;
        Store = store;
        Directory = directory;
        Client = client;
        BaseAddress = baseAddress;
    }

    /// <summary>The store the API writes.</summary>
    public EmbeddedNbStore Store { get; }

    /// <summary>The per-run temp directory.</summary>
    public string Directory { get; }

    /// <summary>A client of the API.</summary>
    public HttpClient Client { get; }

    /// <summary>Where the API listens.</summary>
    public Uri BaseAddress { get; }

    /// <summary>An API in memory.</summary>
    public static Task<NeutronHost> StartAsync(NeutronOptions? options = null) => StartAsync(options, kestrel: false);

    /// <summary>An API on 127.0.0.1 with a free port.</summary>
    public static Task<NeutronHost> StartOnLoopbackAsync(NeutronOptions? options = null) => StartAsync(options, kestrel: true);

    private static async Task<NeutronHost> StartAsync(NeutronOptions? options, bool kestrel)
    {
        var directory = Path.Combine(Path.GetTempPath(), "wy-" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..6]);
        System.IO.Directory.CreateDirectory(directory);
        var store = EmbeddedNbStore.Open(Path.Combine(directory, "nb.db"), new EmbeddedNbStoreOptions { SyncEveryCommit = false });
        // The empty builder skips configuration files, environment and logging setup: a host in a few milliseconds.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        if (kestrel)
        {
            builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseTestServer();
        }
        var app = NeutronApi.Build(builder, store, options ?? new NeutronOptions());
        await app.StartAsync();
        HttpClient client;
        Uri baseAddress;
        if (kestrel)
        {
            baseAddress = new Uri(app.Urls.First());
            client = new HttpClient { BaseAddress = baseAddress };
        }
        else
        {
            client = app.GetTestClient();
            baseAddress = client.BaseAddress!;
        }
        return new NeutronHost(app, store, directory, client, baseAddress);
    }

    /// <summary>Sends a request with an optional JSON body (a string, sent as is) and headers.</summary>
    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, string? body = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ApiResponse(response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), text);
    }

    public Task<ApiResponse> GetAsync(string path, params (string, string)[] headers) => SendAsync(HttpMethod.Get, path, null, headers);

    public Task<ApiResponse> PostAsync(string path, string body, params (string, string)[] headers) => SendAsync(HttpMethod.Post, path, body, headers);

    public Task<ApiResponse> PutAsync(string path, string body, params (string, string)[] headers) => SendAsync(HttpMethod.Put, path, body, headers);

    public Task<ApiResponse> DeleteAsync(string path, params (string, string)[] headers) => SendAsync(HttpMethod.Delete, path, null, headers);

    /// <summary>Creates a resource, asserting 201; returns the object.</summary>
    public async Task<JsonObject> CreateAsync(string collection, string member, string attributes, params (string, string)[] headers)
    {
        var response = await PostAsync($"/v2.0/{collection}", $"{{\"{member}\": {attributes}}}", headers);
        response.Status.ShouldBe(HttpStatusCode.Created, response.Text);
        return response.Body![member]!.AsObject();
    }

    public async Task<JsonObject> NetworkAsync(string name = "net", string extra = "") =>
        await CreateAsync("networks", "network", $"{{\"name\": \"{name}\"{extra}}}");

    public async Task<JsonObject> SubnetAsync(string networkId, string cidr, string extra = "")
    {
        var version = cidr.Contains(':', StringComparison.Ordinal) ? 6 : 4;
        return await CreateAsync("subnets", "subnet",
            $"{{\"network_id\": \"{networkId}\", \"cidr\": \"{cidr}\", \"ip_version\": {version}{extra}}}");
    }

    public async Task<JsonObject> PortAsync(string networkId, string extra = "") =>
        await CreateAsync("ports", "port", $"{{\"network_id\": \"{networkId}\"{extra}}}");

    /// <summary>An external flat network with one IPv4 subnet.</summary>
    public async Task<(JsonObject Network, JsonObject Subnet)> ExternalNetworkAsync(string cidr = "203.0.113.0/24")
    {
        var network = await NetworkAsync("ext",
            ", \"router:external\": true, \"provider:network_type\": \"flat\", \"provider:physical_network\": \"physnet1\"");
        var subnet = await SubnetAsync(Id(network), cidr, ", \"enable_dhcp\": false");
        return (network, subnet);
    }

    /// <summary>The id of an object.</summary>
    public static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Store.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
