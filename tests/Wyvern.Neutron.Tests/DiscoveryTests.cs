using System.Net;

namespace Wyvern.Neutron.Tests;

[Trait("Layer", "Unit")]
public sealed class DiscoveryTests
{
    [Fact]
    public async Task Root_AnswersVersionDocument_WithV2Link()
    {
        await using var host = await NeutronHost.StartAsync();
        var response = await host.GetAsync("/");
        response.Status.ShouldBe(HttpStatusCode.OK);
        var version = response.Body!["versions"]![0]!;
        version["id"]!.GetValue<string>().ShouldBe("v2.0");
        version["status"]!.GetValue<string>().ShouldBe("CURRENT");
        version["links"]![0]!["href"]!.GetValue<string>().ShouldEndWith("/v2.0/");
    }

    [Fact]
    public async Task V2_ListsTheCollections()
    {
        await using var host = await NeutronHost.StartAsync();
        var response = await host.GetAsync("/v2.0");
        response.Items("resources").Select(r => r["collection"]!.GetValue<string>()).ShouldBe(
            ["networks", "subnets", "ports", "routers", "floatingips", "security_groups", "security_group_rules"], ignoreOrder: true);
    }

    [Fact]
    public async Task Extensions_ListExactlyWhatIsImplemented()
    {
        await using var host = await NeutronHost.StartAsync();
        var aliases = (await host.GetAsync("/v2.0/extensions")).Items("extensions").Select(e => e["alias"]!.GetValue<string>()).ToList();
        aliases.ShouldBe(
        [
            "router", "external-net", "ext-gw-mode", "extraroute", "security-group", "binding", "port-security",
            "allowed-address-pairs", "extra_dhcp_opt", "provider", "net-mtu", "standard-attr-description",
            "standard-attr-timestamp", "standard-attr-revisions", "project-id", "pagination", "sorting",
        ], ignoreOrder: true);
        (await host.GetAsync("/v2.0/extensions/router")).Body!["extension"]!["alias"]!.GetValue<string>().ShouldBe("router");
        (await host.GetAsync("/v2.0/extensions/dvr")).ShouldBeError(HttpStatusCode.NotFound, "HTTPNotFound");
    }

    [Fact]
    public async Task ShowByName_Answers404_SoClientsFallBackToNameFilter()
    {
        await using var host = await NeutronHost.StartAsync();
        await host.NetworkAsync("net1");
        (await host.GetAsync("/v2.0/networks/net1")).ShouldBeError(HttpStatusCode.NotFound, "NetworkNotFound");
        (await host.GetAsync("/v2.0/networks?name=net1")).Items("networks").Count.ShouldBe(1);
    }
}
