using System.Net;

namespace Wyvern.Neutron.Tests;

/// <summary>Project isolation and roles, with noauth's X-Project-Id / X-Roles headers standing in for a token.</summary>
[Trait("Layer", "Unit")]
public sealed class TenancyTests
{
    private static readonly (string, string)[] Alice = [("X-Project-Id", "alice"), ("X-Roles", "member")];
    private static readonly (string, string)[] Bob = [("X-Project-Id", "bob"), ("X-Roles", "member")];
    private static readonly (string, string)[] BobReader = [("X-Project-Id", "bob"), ("X-Roles", "reader")];

    [Fact]
    public async Task Member_SeesItsOwnAndSharedAndExternalNetworks_Only()
    {
        await using var host = await NeutronHost.StartAsync();
        var mine = await host.CreateAsync("networks", "network", "{\"name\": \"alice-net\"}", Alice);
        mine["project_id"]!.GetValue<string>().ShouldBe("alice");
        await host.NetworkAsync("shared", ", \"shared\": true");
        await host.ExternalNetworkAsync();
        var names = (await host.GetAsync("/v2.0/networks", Bob)).Items("networks").Select(n => n["name"]!.GetValue<string>());
        names.ShouldBe(["shared", "ext"], ignoreOrder: true);
        (await host.GetAsync($"/v2.0/networks/{NeutronHost.Id(mine)}", Bob)).ShouldBeError(HttpStatusCode.NotFound, "NetworkNotFound");
        (await host.DeleteAsync($"/v2.0/networks/{NeutronHost.Id(mine)}", Bob)).ShouldBeError(HttpStatusCode.NotFound, "NetworkNotFound");
        (await host.GetAsync("/v2.0/networks", Alice)).Items("networks").Count.ShouldBe(3);
    }

    [Fact]
    public async Task Member_MayUseASharedNetwork_ButNotAnothersPrivateOne()
    {
        await using var host = await NeutronHost.StartAsync();
        var shared = NeutronHost.Id(await host.NetworkAsync("shared", ", \"shared\": true"));
        await host.SubnetAsync(shared, "10.0.0.0/24");
        var port = await host.CreateAsync("ports", "port", $"{{\"network_id\": \"{shared}\"}}", Bob);
        port["project_id"]!.GetValue<string>().ShouldBe("bob");
        var alices = NeutronHost.Id(await host.CreateAsync("networks", "network", "{}", Alice));
        (await host.PostAsync("/v2.0/ports", $"{{\"port\": {{\"network_id\": \"{alices}\"}}}}", Bob))
            .ShouldBeError(HttpStatusCode.NotFound, "NetworkNotFound");
        (await host.GetAsync("/v2.0/ports", Alice)).Items("ports").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("{\"provider:network_type\": \"vlan\"}")]
    [InlineData("{\"router:external\": true}")]
    [InlineData("{\"shared\": true}")]
    public async Task Member_AdminOnlyNetworkAttributes_Are403(string body)
    {
        await using var host = await NeutronHost.StartAsync();
        (await host.PostAsync("/v2.0/networks", $"{{\"network\": {body}}}", Alice)).ShouldBeError(HttpStatusCode.Forbidden, "PolicyNotAuthorized");
    }

    [Fact]
    public async Task Member_BindingAttributes_Are403_AndForeignProjectIdIs400()
    {
        await using var host = await NeutronHost.StartAsync();
        var net = NeutronHost.Id(await host.CreateAsync("networks", "network", "{}", Alice));
        (await host.PostAsync("/v2.0/ports", $"{{\"port\": {{\"network_id\": \"{net}\", \"binding:host_id\": \"h\"}}}}", Alice))
            .ShouldBeError(HttpStatusCode.Forbidden, "PolicyNotAuthorized");
        (await host.PostAsync("/v2.0/networks", "{\"network\": {\"project_id\": \"bob\"}}", Alice))
            .ShouldBeError(HttpStatusCode.BadRequest, "HTTPBadRequest");
        var forBob = await host.CreateAsync("networks", "network", "{\"project_id\": \"bob\"}");
        forBob["project_id"]!.GetValue<string>().ShouldBe("bob");
    }

    [Fact]
    public async Task Reader_ReadsButCannotWrite()
    {
        await using var host = await NeutronHost.StartAsync();
        await host.CreateAsync("networks", "network", "{\"name\": \"b\"}", Bob);
        (await host.GetAsync("/v2.0/networks", BobReader)).Items("networks").Count.ShouldBe(1);
        (await host.PostAsync("/v2.0/networks", "{\"network\": {}}", BobReader)).ShouldBeError(HttpStatusCode.Forbidden, "PolicyNotAuthorized");
        (await host.GetAsync("/v2.0/networks", ("X-Roles", "guest"))).ShouldBeError(HttpStatusCode.Forbidden, "PolicyNotAuthorized");
    }
}
