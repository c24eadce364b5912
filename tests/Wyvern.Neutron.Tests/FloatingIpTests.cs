using System.Net;
using Wyvern.Model;

namespace Wyvern.Neutron.Tests;

[Trait("Layer", "Unit")]
public sealed class FloatingIpTests
{
    /// <summary>ext network + router with gateway + tenant net 10.0.0.0/24 on the router + a VM port.</summary>
    private static async Task<(string Ext, string Router, string Subnet, string Port)> TopologyAsync(NeutronHost host)
    {
        var (ext, _) = await host.ExternalNetworkAsync();
        var router = NeutronHost.Id(await host.CreateAsync("routers", "router", $"{{\"external_gateway_info\": {{\"network_id\": \"{NeutronHost.Id(ext)}\"}}}}"));
        var net = NeutronHost.Id(await host.NetworkAsync());
        var subnet = NeutronHost.Id(await host.SubnetAsync(net, "10.0.0.0/24"));
        await host.PutAsync($"/v2.0/routers/{router}/add_router_interface", $"{{\"subnet_id\": \"{subnet}\"}}");
        var port = NeutronHost.Id(await host.PortAsync(net, ", \"fixed_ips\": [{\"ip_address\": \"10.0.0.10\"}]"));
        return (NeutronHost.Id(ext), router, subnet, port);
    }

    [Fact]
    public async Task Create_AllocatesFromTheExternalSubnet_WithAFloatingPort()
    {
        await using var host = await NeutronHost.StartAsync();
        var (ext, _, _, _) = await TopologyAsync(host);
        var fip = await host.CreateAsync("floatingips", "floatingip", $"{{\"floating_network_id\": \"{ext}\"}}");
        fip["floating_ip_address"]!.GetValue<string>().ShouldBe("203.0.113.3"); // .2 is the router gateway
        fip["status"]!.GetValue<string>().ShouldBe("DOWN");
        fip["port_id"].ShouldBeNull();
        fip["router_id"].ShouldBeNull();
        var stored = await host.Store.GetAsync<FloatingIp>(NeutronHost.Id(fip));
        var floatingPort = await host.Store.GetAsync<LogicalPort>(stored!.FloatingPortId!);
        floatingPort!.DeviceOwner.ShouldBe("network:floatingip");
        floatingPort.FixedIps.Single().IpAddress.ShouldBe(IPAddress.Parse("203.0.113.3"));
        stored.FloatingPortMac.ShouldBe(floatingPort.MacAddress);
    }

    [Fact]
    public async Task AssociateAndDisassociate()
    {
        await using var host = await NeutronHost.StartAsync();
        var (ext, router, _, port) = await TopologyAsync(host);
        var fip = await host.CreateAsync("floatingips", "floatingip", $"{{\"floating_network_id\": \"{ext}\", \"port_id\": \"{port}\"}}");
        fip["port_id"]!.GetValue<string>().ShouldBe(port);
        fip["fixed_ip_address"]!.GetValue<string>().ShouldBe("10.0.0.10");
        fip["router_id"]!.GetValue<string>().ShouldBe(router);
        fip["status"]!.GetValue<string>().ShouldBe("ACTIVE");
        var id = NeutronHost.Id(fip);
        var cleared = await host.PutAsync($"/v2.0/floatingips/{id}", "{\"floatingip\": {\"port_id\": null}}");
        cleared.Body!["floatingip"]!["port_id"].ShouldBeNull();
        cleared.Body["floatingip"]!["router_id"].ShouldBeNull();
        var again = await host.PutAsync($"/v2.0/floatingips/{id}", $"{{\"floatingip\": {{\"port_id\": \"{port}\", \"fixed_ip_address\": \"10.0.0.10\"}}}}");
        again.Body!["floatingip"]!["fixed_ip_address"]!.GetValue<string>().ShouldBe("10.0.0.10");
        (await host.PutAsync($"/v2.0/floatingips/{id}", $"{{\"floatingip\": {{\"port_id\": \"{port}\", \"fixed_ip_address\": \"10.0.0.99\"}}}}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "HTTPBadRequest");
        var second = await host.PostAsync("/v2.0/floatingips", $"{{\"floatingip\": {{\"floating_network_id\": \"{ext}\", \"port_id\": \"{port}\"}}}}");
        second.ShouldBeError(HttpStatusCode.Conflict, "FloatingIPPortAlreadyAssociated");
    }

    [Fact]
    public async Task Associate_WithoutRouterPath_Is404()
    {
        await using var host = await NeutronHost.StartAsync();
        var (ext, _, _, _) = await TopologyAsync(host);
        var lonely = NeutronHost.Id(await host.NetworkAsync("lonely"));
        await host.SubnetAsync(lonely, "10.5.0.0/24");
        var port = NeutronHost.Id(await host.PortAsync(lonely));
        (await host.PostAsync("/v2.0/floatingips", $"{{\"floatingip\": {{\"floating_network_id\": \"{ext}\", \"port_id\": \"{port}\"}}}}"))
            .ShouldBeError(HttpStatusCode.NotFound, "ExternalGatewayForFloatingIPNotFound");
        (await host.Store.ListAsync<FloatingIp>()).ShouldBeEmpty();
    }

    [Fact]
    public async Task DeletingThePort_DisassociatesItsFloatingIp_InTheSameTransaction()
    {
        await using var host = await NeutronHost.StartAsync();
        var (ext, _, _, port) = await TopologyAsync(host);
        var fip = NeutronHost.Id(await host.CreateAsync("floatingips", "floatingip", $"{{\"floating_network_id\": \"{ext}\", \"port_id\": \"{port}\"}}"));
        var before = host.Store.Revision;
        (await host.DeleteAsync($"/v2.0/ports/{port}")).Status.ShouldBe(HttpStatusCode.NoContent);
        host.Store.Revision.ShouldBe(before + 1);
        var stored = await host.Store.GetAsync<FloatingIp>(fip);
        stored!.PortId.ShouldBeNull();
        stored.FixedIpAddress.ShouldBeNull();
        stored.Version.ShouldBe(host.Store.Revision);
    }

    [Fact]
    public async Task InUse_BlocksGatewayClearAndInterfaceRemoval_DeleteReleasesTheAddress()
    {
        await using var host = await NeutronHost.StartAsync();
        var (ext, router, subnet, port) = await TopologyAsync(host);
        var fip = NeutronHost.Id(await host.CreateAsync("floatingips", "floatingip", $"{{\"floating_network_id\": \"{ext}\", \"port_id\": \"{port}\"}}"));
        (await host.PutAsync($"/v2.0/routers/{router}", "{\"router\": {\"external_gateway_info\": null}}"))
            .ShouldBeError(HttpStatusCode.Conflict, "RouterExternalGatewayInUseByFloatingIp");
        (await host.PutAsync($"/v2.0/routers/{router}/remove_router_interface", $"{{\"subnet_id\": \"{subnet}\"}}"))
            .ShouldBeError(HttpStatusCode.Conflict, "RouterInterfaceInUseByFloatingIP");
        (await host.DeleteAsync($"/v2.0/floatingips/{fip}")).Status.ShouldBe(HttpStatusCode.NoContent);
        (await host.Store.ListAsync<LogicalPort>()).ShouldNotContain(p => p.DeviceOwner == "network:floatingip");
        var next = await host.CreateAsync("floatingips", "floatingip", $"{{\"floating_network_id\": \"{ext}\"}}");
        next["floating_ip_address"]!.GetValue<string>().ShouldBe("203.0.113.3");
    }

    [Fact]
    public async Task OnInternalNetwork_Is400()
    {
        await using var host = await NeutronHost.StartAsync();
        var net = NeutronHost.Id(await host.NetworkAsync());
        (await host.PostAsync("/v2.0/floatingips", $"{{\"floatingip\": {{\"floating_network_id\": \"{net}\"}}}}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "HTTPBadRequest");
        (await host.GetAsync("/v2.0/floatingips/nope")).ShouldBeError(HttpStatusCode.NotFound, "FloatingIPNotFound");
    }
}
