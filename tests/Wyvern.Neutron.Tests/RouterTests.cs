using System.Net;
using Wyvern.Model;

namespace Wyvern.Neutron.Tests;

[Trait("Layer", "Unit")]
public sealed class RouterTests
{
    [Fact]
    public async Task Create_WithGateway_TakesAnExternalAddress_ThroughAGatewayPort()
    {
        await using var host = await NeutronHost.StartAsync();
        var (ext, extSubnet) = await host.ExternalNetworkAsync();
        var router = await host.CreateAsync("routers", "router", $"{{\"name\": \"r1\", \"external_gateway_info\": {{\"network_id\": \"{NeutronHost.Id(ext)}\"}}}}");
        var gateway = router["external_gateway_info"]!;
        gateway["network_id"]!.GetValue<string>().ShouldBe(NeutronHost.Id(ext));
        gateway["enable_snat"]!.GetValue<bool>().ShouldBeTrue();
        gateway["external_fixed_ips"]![0]!["subnet_id"]!.GetValue<string>().ShouldBe(NeutronHost.Id(extSubnet));
        gateway["external_fixed_ips"]![0]!["ip_address"]!.GetValue<string>().ShouldBe("203.0.113.2");
        router["routes"]!.AsArray().Count.ShouldBe(0);
        var stored = await host.Store.GetAsync<LogicalRouter>(NeutronHost.Id(router));
        var port = await host.Store.GetAsync<LogicalPort>(stored!.ExternalGateway!.PortId!);
        port!.DeviceOwner.ShouldBe("network:router_gateway");
        port.DeviceId.ShouldBe(stored.Id);
        stored.ExternalGateway.MacAddress.ShouldBe(port.MacAddress);
        stored.Version.ShouldBe(port.Version); // one transaction
    }

    [Fact]
    public async Task Gateway_OnInternalNetwork_Is400_AndClearingDeletesThePort()
    {
        await using var host = await NeutronHost.StartAsync();
        var internalNet = NeutronHost.Id(await host.NetworkAsync());
        (await host.PostAsync("/v2.0/routers", $"{{\"router\": {{\"external_gateway_info\": {{\"network_id\": \"{internalNet}\"}}}}}}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "HTTPBadRequest");
        (await host.Store.ListAsync<LogicalRouter>()).ShouldBeEmpty();
        var (ext, _) = await host.ExternalNetworkAsync();
        var router = NeutronHost.Id(await host.CreateAsync("routers", "router", "{\"name\": \"r\"}"));
        var set = await host.PutAsync($"/v2.0/routers/{router}", $"{{\"router\": {{\"external_gateway_info\": {{\"network_id\": \"{NeutronHost.Id(ext)}\", \"enable_snat\": false}}}}}}");
        set.Body!["router"]!["external_gateway_info"]!["enable_snat"]!.GetValue<bool>().ShouldBeFalse();
        (await host.Store.ListAsync<LogicalPort>()).Count.ShouldBe(1);
        var cleared = await host.PutAsync($"/v2.0/routers/{router}", "{\"router\": {\"external_gateway_info\": {}}}");
        cleared.Body!["router"]!["external_gateway_info"].ShouldBeNull();
        (await host.Store.ListAsync<LogicalPort>()).ShouldBeEmpty();
    }

    [Fact]
    public async Task AddInterface_BySubnet_CreatesAPortWithTheGatewayIp_InOneTransaction()
    {
        await using var host = await NeutronHost.StartAsync();
        var net = NeutronHost.Id(await host.NetworkAsync());
        var subnet = NeutronHost.Id(await host.SubnetAsync(net, "10.0.0.0/24"));
        var router = NeutronHost.Id(await host.CreateAsync("routers", "router", "{\"name\": \"r\"}"));
        var before = host.Store.Revision;
        var response = await host.PutAsync($"/v2.0/routers/{router}/add_router_interface", $"{{\"subnet_id\": \"{subnet}\"}}");
        response.Status.ShouldBe(HttpStatusCode.OK, response.Text);
        response.Body!["subnet_id"]!.GetValue<string>().ShouldBe(subnet);
        response.Body["network_id"]!.GetValue<string>().ShouldBe(net);
        var portId = response.Body["port_id"]!.GetValue<string>();
        var port = (await host.GetAsync($"/v2.0/ports/{portId}")).Body!["port"]!;
        port["device_owner"]!.GetValue<string>().ShouldBe("network:router_interface");
        port["device_id"]!.GetValue<string>().ShouldBe(router);
        port["fixed_ips"]![0]!["ip_address"]!.GetValue<string>().ShouldBe("10.0.0.1");
        var stored = await host.Store.GetAsync<LogicalRouter>(router);
        var routerPort = stored!.Ports.Single();
        routerPort.IpAddress.ShouldBe(IPAddress.Parse("10.0.0.1"));
        routerPort.Network.ShouldBe(IPNetwork.Parse("10.0.0.0/24"));
        routerPort.Id.ShouldBe(portId);
        host.Store.Revision.ShouldBe(before + 1); // router and port at one revision

        (await host.PutAsync($"/v2.0/routers/{router}/add_router_interface", $"{{\"subnet_id\": \"{subnet}\"}}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "HTTPBadRequest");
        (await host.DeleteAsync($"/v2.0/ports/{portId}")).ShouldBeError(HttpStatusCode.Conflict, "L3PortInUse");
        (await host.DeleteAsync($"/v2.0/routers/{router}")).ShouldBeError(HttpStatusCode.Conflict, "RouterInUse");
    }

    [Fact]
    public async Task AddInterface_OverlappingSubnetOrNoGateway_Is400()
    {
        await using var host = await NeutronHost.StartAsync();
        var a = NeutronHost.Id(await host.NetworkAsync("a"));
        var b = NeutronHost.Id(await host.NetworkAsync("b"));
        var sa = NeutronHost.Id(await host.SubnetAsync(a, "10.0.0.0/24"));
        var sb = NeutronHost.Id(await host.SubnetAsync(b, "10.0.0.0/25"));
        var sc = NeutronHost.Id(await host.SubnetAsync(b, "10.9.0.0/24", ", \"gateway_ip\": null"));
        var router = NeutronHost.Id(await host.CreateAsync("routers", "router", "{}"));
        (await host.PutAsync($"/v2.0/routers/{router}/add_router_interface", $"{{\"subnet_id\": \"{sa}\"}}")).Status.ShouldBe(HttpStatusCode.OK);
        (await host.PutAsync($"/v2.0/routers/{router}/add_router_interface", $"{{\"subnet_id\": \"{sb}\"}}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "HTTPBadRequest").ShouldContain("overlaps");
        (await host.PutAsync($"/v2.0/routers/{router}/add_router_interface", $"{{\"subnet_id\": \"{sc}\"}}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "HTTPBadRequest").ShouldContain("gateway");
        (await host.PutAsync($"/v2.0/routers/{router}/add_router_interface", $"{{\"subnet_id\": \"{sa}\", \"port_id\": \"x\"}}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "HTTPBadRequest");
        (await host.Store.ListAsync<LogicalPort>()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task AddAndRemoveInterface_ByPort()
    {
        await using var host = await NeutronHost.StartAsync();
        var net = NeutronHost.Id(await host.NetworkAsync());
        await host.SubnetAsync(net, "10.0.0.0/24");
        var port = NeutronHost.Id(await host.PortAsync(net, ", \"fixed_ips\": [{\"ip_address\": \"10.0.0.254\"}]"));
        var router = NeutronHost.Id(await host.CreateAsync("routers", "router", "{}"));
        var added = await host.PutAsync($"/v2.0/routers/{router}/add_router_interface", $"{{\"port_id\": \"{port}\"}}");
        added.Body!["port_id"]!.GetValue<string>().ShouldBe(port);
        (await host.Store.GetAsync<LogicalRouter>(router))!.Ports.Single().IpAddress.ShouldBe(IPAddress.Parse("10.0.0.254"));
        (await host.Store.GetAsync<LogicalPort>(port))!.DeviceOwner.ShouldBe("network:router_interface");
        var removed = await host.PutAsync($"/v2.0/routers/{router}/remove_router_interface", $"{{\"port_id\": \"{port}\"}}");
        removed.Status.ShouldBe(HttpStatusCode.OK, removed.Text);
        (await host.Store.GetAsync<LogicalPort>(port)).ShouldBeNull();
        (await host.Store.GetAsync<LogicalRouter>(router))!.Ports.ShouldBeEmpty();
        (await host.PutAsync($"/v2.0/routers/{router}/remove_router_interface", $"{{\"port_id\": \"{port}\"}}"))
            .ShouldBeError(HttpStatusCode.NotFound, "RouterInterfaceNotFound");
        (await host.DeleteAsync($"/v2.0/routers/{router}")).Status.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Routes_NeedAConnectedNextHop_AndHoldTheirInterface()
    {
        await using var host = await NeutronHost.StartAsync();
        var net = NeutronHost.Id(await host.NetworkAsync());
        var subnet = NeutronHost.Id(await host.SubnetAsync(net, "10.0.0.0/24"));
        var router = NeutronHost.Id(await host.CreateAsync("routers", "router", "{}"));
        await host.PutAsync($"/v2.0/routers/{router}/add_router_interface", $"{{\"subnet_id\": \"{subnet}\"}}");
        (await host.PutAsync($"/v2.0/routers/{router}", "{\"router\": {\"routes\": [{\"destination\": \"172.16.0.0/16\", \"nexthop\": \"192.168.9.9\"}]}}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "HTTPBadRequest").ShouldContain("nexthop");
        var set = await host.PutAsync($"/v2.0/routers/{router}", "{\"router\": {\"routes\": [{\"destination\": \"172.16.0.0/16\", \"nexthop\": \"10.0.0.9\"}]}}");
        set.Body!["router"]!["routes"]!.ToJsonString().ShouldBe("[{\"destination\":\"172.16.0.0/16\",\"nexthop\":\"10.0.0.9\"}]");
        (await host.PutAsync($"/v2.0/routers/{router}/remove_router_interface", $"{{\"subnet_id\": \"{subnet}\"}}"))
            .ShouldBeError(HttpStatusCode.Conflict, "RouterInterfaceInUseByRoute");
        await host.PutAsync($"/v2.0/routers/{router}", "{\"router\": {\"routes\": []}}");
        (await host.PutAsync($"/v2.0/routers/{router}/remove_router_interface", $"{{\"subnet_id\": \"{subnet}\"}}")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Delete_RemovesTheGatewayPort()
    {
        await using var host = await NeutronHost.StartAsync();
        var (ext, _) = await host.ExternalNetworkAsync();
        var router = NeutronHost.Id(await host.CreateAsync("routers", "router", $"{{\"external_gateway_info\": {{\"network_id\": \"{NeutronHost.Id(ext)}\"}}}}"));
        (await host.DeleteAsync($"/v2.0/routers/{router}")).Status.ShouldBe(HttpStatusCode.NoContent);
        (await host.Store.ListAsync<LogicalPort>()).ShouldBeEmpty();
        (await host.GetAsync($"/v2.0/routers/{router}")).ShouldBeError(HttpStatusCode.NotFound, "RouterNotFound");
        (await host.Store.ListAsync<LogicalRouter>()).ShouldBeEmpty();
    }
}
