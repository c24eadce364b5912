using System.Net;
using Wyvern.Model;

namespace Wyvern.Neutron.Tests;

[Trait("Layer", "Unit")]
public sealed class SubnetTests
{
    [Fact]
    public async Task Ipv4_Defaults_GatewayFirstHost_PoolTheRest()
    {
        await using var host = await NeutronHost.StartAsync();
        var net = NeutronHost.Id(await host.NetworkAsync());
        var subnet = await host.SubnetAsync(net, "10.0.0.0/24");
        subnet["gateway_ip"]!.GetValue<string>().ShouldBe("10.0.0.1");
        subnet["ip_version"]!.GetValue<int>().ShouldBe(4);
        subnet["enable_dhcp"]!.GetValue<bool>().ShouldBeTrue();
        subnet["allocation_pools"]!.ToJsonString().ShouldBe("[{\"start\":\"10.0.0.2\",\"end\":\"10.0.0.254\"}]");
        subnet["dns_nameservers"]!.AsArray().Count.ShouldBe(0);
        subnet["host_routes"]!.AsArray().Count.ShouldBe(0);
    }

    [Fact]
    public async Task Ipv6_Defaults_AndSlaacMode()
    {
        await using var host = await NeutronHost.StartAsync();
        var net = NeutronHost.Id(await host.NetworkAsync());
        var subnet = await host.SubnetAsync(net, "2001:db8::/64", ", \"ipv6_ra_mode\": \"slaac\", \"ipv6_address_mode\": \"slaac\"");
        subnet["gateway_ip"]!.GetValue<string>().ShouldBe("2001:db8::1");
        subnet["ip_version"]!.GetValue<int>().ShouldBe(6);
        subnet["ipv6_address_mode"]!.GetValue<string>().ShouldBe("slaac");
        subnet["allocation_pools"]!.ToJsonString().ShouldBe("[{\"start\":\"2001:db8::2\",\"end\":\"2001:db8::ffff:ffff:ffff:ffff\"}]");
    }

    [Fact]
    public async Task GatewayNull_PoolCoversAllHosts_AndGatewayInTheMiddleSplitsIt()
    {
        await using var host = await NeutronHost.StartAsync();
        var net = NeutronHost.Id(await host.NetworkAsync());
        var noGateway = await host.SubnetAsync(net, "10.0.0.0/28", ", \"gateway_ip\": null");
        noGateway["gateway_ip"].ShouldBeNull();
        noGateway["allocation_pools"]!.ToJsonString().ShouldBe("[{\"start\":\"10.0.0.1\",\"end\":\"10.0.0.14\"}]");
        var middle = await host.SubnetAsync(net, "10.0.1.0/28", ", \"gateway_ip\": \"10.0.1.5\"");
        middle["allocation_pools"]!.ToJsonString().ShouldBe(
            "[{\"start\":\"10.0.1.1\",\"end\":\"10.0.1.4\"},{\"start\":\"10.0.1.6\",\"end\":\"10.0.1.14\"}]");
    }

    [Fact]
    public async Task Pools_AreChecked()
    {
        await using var host = await NeutronHost.StartAsync();
        var net = NeutronHost.Id(await host.NetworkAsync());
        string Body(string pools) => $"{{\"subnet\": {{\"network_id\": \"{net}\", \"cidr\": \"10.0.0.0/24\", \"ip_version\": 4, \"allocation_pools\": {pools}}}}}";
        (await host.PostAsync("/v2.0/subnets", Body("[{\"start\": \"10.0.1.2\", \"end\": \"10.0.1.9\"}]")))
            .ShouldBeError(HttpStatusCode.BadRequest, "HTTPBadRequest");
        (await host.PostAsync("/v2.0/subnets", Body("[{\"start\": \"10.0.0.9\", \"end\": \"10.0.0.2\"}]")))
            .ShouldBeError(HttpStatusCode.BadRequest, "HTTPBadRequest");
        (await host.PostAsync("/v2.0/subnets", Body("[{\"start\": \"10.0.0.2\", \"end\": \"10.0.0.9\"}, {\"start\": \"10.0.0.5\", \"end\": \"10.0.0.20\"}]")))
            .ShouldBeError(HttpStatusCode.BadRequest, "HTTPBadRequest").ShouldContain("overlapping");
        (await host.PostAsync("/v2.0/subnets", Body("[{\"start\": \"10.0.0.1\", \"end\": \"10.0.0.9\"}]")))
            .ShouldBeError(HttpStatusCode.Conflict, "GatewayConflictWithAllocationPools");
        (await host.Store.ListAsync<Subnet>()).ShouldBeEmpty();
        var ok = await host.SubnetAsync(net, "10.0.0.0/24", ", \"allocation_pools\": [{\"start\": \"10.0.0.100\", \"end\": \"10.0.0.110\"}]");
        ok["allocation_pools"]!.ToJsonString().ShouldBe("[{\"start\":\"10.0.0.100\",\"end\":\"10.0.0.110\"}]");
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0/24")]
    [InlineData("not-a-cidr")]
    [InlineData("10.0.0.5/24")]
    public async Task InvalidCidr_Is400NamingCidr(string cidr)
    {
        await using var host = await NeutronHost.StartAsync();
        var net = NeutronHost.Id(await host.NetworkAsync());
        var message = (await host.PostAsync("/v2.0/subnets", $"{{\"subnet\": {{\"network_id\": \"{net}\", \"cidr\": \"{cidr}\", \"ip_version\": 4}}}}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "HTTPBadRequest");
        message.ShouldContain("cidr");
        (await host.Store.ListAsync<Subnet>()).ShouldBeEmpty();
    }

    [Fact]
    public async Task IpVersionMismatch_And_GatewayOutside_Are400()
    {
        await using var host = await NeutronHost.StartAsync();
        var net = NeutronHost.Id(await host.NetworkAsync());
        (await host.PostAsync("/v2.0/subnets", $"{{\"subnet\": {{\"network_id\": \"{net}\", \"cidr\": \"10.0.0.0/24\", \"ip_version\": 6}}}}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "InvalidInput");
        (await host.PostAsync("/v2.0/subnets", $"{{\"subnet\": {{\"network_id\": \"{net}\", \"cidr\": \"10.0.0.0/24\", \"ip_version\": 4, \"gateway_ip\": \"10.9.9.9\"}}}}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "InvalidInput");
        (await host.PostAsync("/v2.0/subnets", $"{{\"subnet\": {{\"network_id\": \"{net}\", \"cidr\": \"10.0.0.0/24\", \"ip_version\": 4, \"ipv6_ra_mode\": \"slaac\"}}}}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "InvalidInput");
    }

    [Fact]
    public async Task OverlappingSubnetOnOneNetwork_IsRefused_ButFineOnAnother()
    {
        await using var host = await NeutronHost.StartAsync();
        var net = NeutronHost.Id(await host.NetworkAsync());
        await host.SubnetAsync(net, "10.0.0.0/24");
        (await host.PostAsync("/v2.0/subnets", $"{{\"subnet\": {{\"network_id\": \"{net}\", \"cidr\": \"10.0.0.128/25\", \"ip_version\": 4}}}}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "InvalidInput").ShouldContain("overlaps");
        var other = NeutronHost.Id(await host.NetworkAsync("other"));
        await host.SubnetAsync(other, "10.0.0.0/24");
    }

    [Fact]
    public async Task UnknownNetwork_Is404()
    {
        await using var host = await NeutronHost.StartAsync();
        (await host.PostAsync("/v2.0/subnets", "{\"subnet\": {\"network_id\": \"nope\", \"cidr\": \"10.0.0.0/24\", \"ip_version\": 4}}"))
            .ShouldBeError(HttpStatusCode.NotFound, "NetworkNotFound");
    }

    [Fact]
    public async Task Update_DnsAndHostRoutes()
    {
        await using var host = await NeutronHost.StartAsync();
        var net = NeutronHost.Id(await host.NetworkAsync());
        var id = NeutronHost.Id(await host.SubnetAsync(net, "10.0.0.0/24"));
        var response = await host.PutAsync($"/v2.0/subnets/{id}",
            "{\"subnet\": {\"dns_nameservers\": [\"8.8.8.8\", \"1.1.1.1\"], \"host_routes\": [{\"destination\": \"192.168.0.0/16\", \"nexthop\": \"10.0.0.254\"}], \"enable_dhcp\": false}}");
        response.Status.ShouldBe(HttpStatusCode.OK, response.Text);
        var subnet = response.Body!["subnet"]!;
        subnet["dns_nameservers"]!.ToJsonString().ShouldBe("[\"8.8.8.8\",\"1.1.1.1\"]");
        subnet["host_routes"]!.ToJsonString().ShouldBe("[{\"destination\":\"192.168.0.0/16\",\"nexthop\":\"10.0.0.254\"}]");
        subnet["revision_number"]!.GetValue<long>().ShouldBe(1);
        var stored = await host.Store.GetAsync<Subnet>(id);
        stored!.EnableDhcp.ShouldBeFalse();
        stored.HostRoutes.Single().NextHop.ShouldBe(IPAddress.Parse("10.0.0.254"));
        (await host.PutAsync($"/v2.0/subnets/{id}", "{\"subnet\": {\"dns_nameservers\": [\"8.8.8.8\", \"8.8.8.8\"]}}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "HTTPBadRequest");
        (await host.PutAsync($"/v2.0/subnets/{id}", "{\"subnet\": {\"cidr\": \"10.1.0.0/24\"}}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "HTTPBadRequest");
    }

    [Fact]
    public async Task Delete_InUse_Is409_ThenFreed_Is204()
    {
        await using var host = await NeutronHost.StartAsync();
        var net = NeutronHost.Id(await host.NetworkAsync());
        var id = NeutronHost.Id(await host.SubnetAsync(net, "10.0.0.0/24"));
        var port = NeutronHost.Id(await host.PortAsync(net));
        (await host.DeleteAsync($"/v2.0/subnets/{id}")).ShouldBeError(HttpStatusCode.Conflict, "SubnetInUse");
        (await host.DeleteAsync($"/v2.0/ports/{port}")).Status.ShouldBe(HttpStatusCode.NoContent);
        (await host.DeleteAsync($"/v2.0/subnets/{id}")).Status.ShouldBe(HttpStatusCode.NoContent);
    }
}
