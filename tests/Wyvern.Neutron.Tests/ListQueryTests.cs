using System.Net;

namespace Wyvern.Neutron.Tests;

[Trait("Layer", "Unit")]
public sealed class ListQueryTests
{
    private static async Task<NeutronHost> WithNetworksAsync()
    {
        var host = await NeutronHost.StartAsync();
        await host.NetworkAsync("alpha", ", \"shared\": true");
        await host.NetworkAsync("beta");
        await host.NetworkAsync("gamma", ", \"admin_state_up\": false");
        await host.NetworkAsync("delta");
        await host.NetworkAsync("epsilon");
        return host;
    }

    private static List<string> Names(ApiResponse response, string key = "networks") =>
        [.. response.Items(key).Select(n => n["name"]!.GetValue<string>())];

    [Fact]
    public async Task Filter_ByAttribute_RepeatedKeysAreOr_BooleansInAnyCase()
    {
        await using var host = await WithNetworksAsync();
        Names(await host.GetAsync("/v2.0/networks?name=beta")).ShouldBe(["beta"]);
        Names(await host.GetAsync("/v2.0/networks?name=beta&name=delta")).ShouldBe(["beta", "delta"], ignoreOrder: true);
        Names(await host.GetAsync("/v2.0/networks?shared=True")).ShouldBe(["alpha"]);
        Names(await host.GetAsync("/v2.0/networks?admin_state_up=false")).ShouldBe(["gamma"]);
        Names(await host.GetAsync("/v2.0/networks?shared=false&name=alpha")).ShouldBeEmpty();
        Names(await host.GetAsync("/v2.0/networks?mtu=1450&name=beta")).ShouldBe(["beta"]);
    }

    [Fact]
    public async Task Fields_ProjectTheObjects_UnknownFieldsIgnored()
    {
        await using var host = await WithNetworksAsync();
        var items = (await host.GetAsync("/v2.0/networks?fields=id&fields=name&fields=bogus")).Items("networks");
        items.Count.ShouldBe(5);
        items.ShouldAllBe(n => n.Count == 2 && n.ContainsKey("id") && n.ContainsKey("name"));
        var id = NeutronHost.Id(items[0]);
        var shown = (await host.GetAsync($"/v2.0/networks/{id}?fields=mtu")).Body!["network"]!.AsObject();
        shown.Select(kv => kv.Key).ShouldBe(["mtu"]);
    }

    [Fact]
    public async Task Sort_ByKeyAndDirection()
    {
        await using var host = await WithNetworksAsync();
        Names(await host.GetAsync("/v2.0/networks?sort_key=name&sort_dir=asc")).ShouldBe(["alpha", "beta", "delta", "epsilon", "gamma"]);
        Names(await host.GetAsync("/v2.0/networks?sort_key=name&sort_dir=desc")).ShouldBe(["gamma", "epsilon", "delta", "beta", "alpha"]);
        (await host.GetAsync("/v2.0/networks?sort_key=name&sort_dir=sideways")).ShouldBeError(HttpStatusCode.BadRequest, "HTTPBadRequest");
        (await host.GetAsync("/v2.0/networks?sort_key=bogus")).ShouldBeError(HttpStatusCode.BadRequest, "HTTPBadRequest");
    }

    [Fact]
    public async Task Pagination_WalksEveryObjectOnce_ByNextLinks()
    {
        await using var host = await WithNetworksAsync();
        var seen = new List<string>();
        var path = "/v2.0/networks?limit=2&sort_key=name";
        var pages = 0;
        while (path is not null && pages++ < 10)
        {
            var response = await host.GetAsync(path);
            seen.AddRange(Names(response));
            var next = response.Body!["networks_links"]?.AsArray().FirstOrDefault(l => l!["rel"]!.GetValue<string>() == "next");
            path = next is null ? null : new Uri(next["href"]!.GetValue<string>()).PathAndQuery;
        }
        seen.ShouldBe(["alpha", "beta", "delta", "epsilon", "gamma"]);
        var second = await host.GetAsync($"/v2.0/networks?limit=2&sort_key=name&marker={NeutronHost.Id((await host.GetAsync("/v2.0/networks?name=beta")).Items("networks")[0])}");
        Names(second).ShouldBe(["delta", "epsilon"]);
        second.Body!["networks_links"]!.AsArray().Select(l => l!["rel"]!.GetValue<string>()).ShouldBe(["next", "previous"]);
        (await host.GetAsync("/v2.0/networks?limit=x")).ShouldBeError(HttpStatusCode.BadRequest, "HTTPBadRequest");
    }

    [Fact]
    public async Task FixedIpsFilter_FindsPortsByAddressAndSubnet()
    {
        await using var host = await NeutronHost.StartAsync();
        var net = NeutronHost.Id(await host.NetworkAsync());
        var subnet = NeutronHost.Id(await host.SubnetAsync(net, "10.0.0.0/24"));
        await host.PortAsync(net, ", \"name\": \"a\"");
        await host.PortAsync(net, ", \"name\": \"b\"");
        Names(await host.GetAsync("/v2.0/ports?fixed_ips=ip_address%3D10.0.0.3"), "ports").ShouldBe(["b"]);
        Names(await host.GetAsync($"/v2.0/ports?fixed_ips=subnet_id%3D{subnet}"), "ports").Count.ShouldBe(2);
        Names(await host.GetAsync($"/v2.0/ports?network_id={net}&device_owner="), "ports").Count.ShouldBe(2);
    }

    [Fact]
    public async Task PreviousLinks_WalkBackwards()
    {
        await using var host = await WithNetworksAsync();
        var last = await host.GetAsync("/v2.0/networks?limit=2&sort_key=name&marker=" +
            NeutronHost.Id((await host.GetAsync("/v2.0/networks?name=delta")).Items("networks")[0]));
        Names(last).ShouldBe(["epsilon", "gamma"]);
        var previous = last.Body!["networks_links"]!.AsArray().Single(l => l!["rel"]!.GetValue<string>() == "previous")!["href"]!.GetValue<string>();
        Names(await host.GetAsync(new Uri(previous).PathAndQuery)).ShouldBe(["beta", "delta"]);
    }
}
