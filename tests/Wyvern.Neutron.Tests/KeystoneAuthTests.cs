using System.Net;

namespace Wyvern.Neutron.Tests;

/// <summary>keystone mode against a scripted Keystone v3 on loopback.</summary>
[Trait("Layer", "Unit")]
public sealed class KeystoneAuthTests : IAsyncLifetime
{
    private ScriptedKeystone _keystone = null!;
    private NeutronHost _host = null!;

    public async Task InitializeAsync()
    {
        _keystone = await ScriptedKeystone.StartAsync();
        _keystone.AddToken("admin-token", "admin-project", ["admin", "member", "reader"]);
        _keystone.AddToken("alice-token", "alice", ["member", "reader"]);
        _keystone.AddToken("bob-token", "bob", ["member"]);
        _keystone.AddToken("carol-token", "bob", ["reader"]);
        _keystone.AddToken("old-token", "alice", ["member"], DateTimeOffset.UtcNow.AddMinutes(-1));
        _host = await NeutronHost.StartAsync(new NeutronOptions { AuthMode = AuthMode.Keystone, KeystoneUrl = _keystone.Url });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _keystone.DisposeAsync();
    }

    private static (string, string) Token(string token) => ("X-Auth-Token", token);

    [Fact]
    public async Task MissingUnknownOrExpiredToken_Is401()
    {
        (await _host.GetAsync("/v2.0/networks")).ShouldBeError(HttpStatusCode.Unauthorized, "HTTPUnauthorized");
        (await _host.GetAsync("/v2.0/networks", Token("forged"))).ShouldBeError(HttpStatusCode.Unauthorized, "HTTPUnauthorized");
        (await _host.GetAsync("/v2.0/networks", Token("old-token"))).ShouldBeError(HttpStatusCode.Unauthorized, "HTTPUnauthorized");
    }

    [Fact]
    public async Task Member_WorksInTheTokensProject_AndIsIsolated()
    {
        var network = await _host.CreateAsync("networks", "network", "{\"name\": \"a\"}", Token("alice-token"));
        network["project_id"]!.GetValue<string>().ShouldBe("alice");
        (await _host.GetAsync("/v2.0/networks", Token("alice-token"))).Items("networks").Count.ShouldBe(1);
        (await _host.GetAsync("/v2.0/networks", Token("bob-token"))).Items("networks").ShouldBeEmpty();
        (await _host.GetAsync($"/v2.0/networks/{NeutronHost.Id(network)}", Token("bob-token"))).ShouldBeError(HttpStatusCode.NotFound, "NetworkNotFound");
        (await _host.GetAsync("/v2.0/networks", Token("admin-token"))).Items("networks").Count.ShouldBe(1);
        (await _host.PostAsync("/v2.0/networks", "{\"network\": {\"provider:network_type\": \"vlan\"}}", Token("alice-token")))
            .ShouldBeError(HttpStatusCode.Forbidden, "PolicyNotAuthorized");
    }

    [Fact]
    public async Task Reader_Reads_ButWritesAre403()
    {
        await _host.CreateAsync("networks", "network", "{\"name\": \"b\"}", Token("bob-token"));
        (await _host.GetAsync("/v2.0/networks", Token("carol-token"))).Items("networks").Count.ShouldBe(1);
        (await _host.PostAsync("/v2.0/networks", "{\"network\": {}}", Token("carol-token"))).ShouldBeError(HttpStatusCode.Forbidden, "PolicyNotAuthorized");
    }

    [Fact]
    public async Task ValidatedTokens_AreCached()
    {
        var before = _keystone.Validations;
        for (var i = 0; i < 5; i++)
        {
            (await _host.GetAsync("/v2.0/networks", Token("admin-token"))).Status.ShouldBe(HttpStatusCode.OK);
        }
        (_keystone.Validations - before).ShouldBe(1);
    }

    [Fact]
    public async Task UnreachableKeystone_Is503()
    {
        await using var host = await NeutronHost.StartAsync(new NeutronOptions { AuthMode = AuthMode.Keystone, KeystoneUrl = new Uri("http://127.0.0.1:9/") });
        (await host.GetAsync("/v2.0/networks", Token("admin-token"))).ShouldBeError(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable");
    }
}
