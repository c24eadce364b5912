using System.Net;
using Wyvern.Model;

namespace Wyvern.Neutron.Tests;

/// <summary>The API schedules a router's gateway chassis when its external gateway is set, changed or removed.</summary>
[Trait("Layer", "Unit")]
public sealed class GatewaySchedulingTests
{
    private static Chassis Gateway(string name, string physnet = "physnet1") => new()
    {
        Id = name,
        UnderlayIp = IPAddress.Loopback,
        GatewayCapable = true,
        BridgeMappings = new ValueMap(new Dictionary<string, string> { [physnet] = "br-ex" }),
    };

    [Fact]
    public async Task Create_WithGateway_ListsTheAbleChassis_LeastLoadedFirst()
    {
        await using var host = await NeutronHost.StartAsync();
        await host.Store.CreateAsync(Gateway("gw-b"));
        await host.Store.CreateAsync(Gateway("gw-a"));
        await host.Store.CreateAsync(Gateway("gw-other", physnet: "physnet2"));
        await host.Store.CreateAsync(Gateway("compute") with { GatewayCapable = false });
        var (ext, _) = await host.ExternalNetworkAsync();
        var gatewayInfo = $"\"external_gateway_info\": {{\"network_id\": \"{NeutronHost.Id(ext)}\"}}";

        var r1 = await host.CreateAsync("routers", "router", $"{{\"name\": \"r1\", {gatewayInfo}}}");
        var r2 = await host.CreateAsync("routers", "router", $"{{\"name\": \"r2\", {gatewayInfo}}}");

        (await host.Store.GetAsync<LogicalRouter>(NeutronHost.Id(r1)))!.GatewayChassis.ShouldBe(ValueList.Of("gw-a", "gw-b"));
        // gw-a carries r1 now: r2 goes to gw-b first.
        (await host.Store.GetAsync<LogicalRouter>(NeutronHost.Id(r2)))!.GatewayChassis.ShouldBe(ValueList.Of("gw-b", "gw-a"));
    }

    [Fact]
    public async Task SetThenClearGateway_FillsThenEmptiesTheList_SnatChangeKeepsIt()
    {
        await using var host = await NeutronHost.StartAsync();
        await host.Store.CreateAsync(Gateway("gw-a"));
        var (ext, _) = await host.ExternalNetworkAsync();
        var router = NeutronHost.Id(await host.CreateAsync("routers", "router", "{\"name\": \"r\"}"));
        (await host.Store.GetAsync<LogicalRouter>(router))!.GatewayChassis.Count.ShouldBe(0);

        await host.PutAsync($"/v2.0/routers/{router}", $"{{\"router\": {{\"external_gateway_info\": {{\"network_id\": \"{NeutronHost.Id(ext)}\"}}}}}}");
        (await host.Store.GetAsync<LogicalRouter>(router))!.GatewayChassis.ShouldBe(ValueList.Of("gw-a"));

        await host.Store.CreateAsync(Gateway("gw-0"));
        await host.PutAsync($"/v2.0/routers/{router}", $"{{\"router\": {{\"external_gateway_info\": {{\"network_id\": \"{NeutronHost.Id(ext)}\", \"enable_snat\": false}}}}}}");
        // Only enable_snat changed: the router stays where its NAT state is.
        (await host.Store.GetAsync<LogicalRouter>(router))!.GatewayChassis.ShouldBe(ValueList.Of("gw-a"));

        await host.PutAsync($"/v2.0/routers/{router}", "{\"router\": {\"external_gateway_info\": {}}}");
        (await host.Store.GetAsync<LogicalRouter>(router))!.GatewayChassis.Count.ShouldBe(0);
    }

    [Fact]
    public async Task Gateway_WithNoAbleChassis_LeavesTheListEmpty_ForTheRescheduler()
    {
        await using var host = await NeutronHost.StartAsync();
        var (ext, _) = await host.ExternalNetworkAsync();

        var router = await host.CreateAsync("routers", "router", $"{{\"external_gateway_info\": {{\"network_id\": \"{NeutronHost.Id(ext)}\"}}}}");

        (await host.Store.GetAsync<LogicalRouter>(NeutronHost.Id(router)))!.GatewayChassis.Count.ShouldBe(0);
    }
}
