using System.Net;
using Wyvern.Model;

namespace Wyvern.Neutron.Tests;

/// <summary>Every malformed request is a 400 NeutronError and writes nothing.</summary>
[Trait("Layer", "Unit")]
public sealed class BadInputTests
{
    [Theory]
    [InlineData("{\"network\": {\"name\": ")]
    [InlineData("[1, 2]")]
    [InlineData("\"network\"")]
    [InlineData("{\"netwrk\": {}}")]
    [InlineData("{\"network\": {}, \"extra\": 1}")]
    [InlineData("{\"network\": []}")]
    [InlineData("{\"network\": {\"bogus\": 1}}")]
    [InlineData("{\"network\": {\"name\": 5}}")]
    [InlineData("{\"network\": {\"name\": null}}")]
    [InlineData("{\"network\": {\"admin_state_up\": \"maybe\"}}")]
    [InlineData("{\"network\": {\"shared\": 2}}")]
    [InlineData("{\"network\": {\"mtu\": \"big\"}}")]
    [InlineData("{\"network\": {\"provider:segmentation_id\": 1.5}}")]
    [InlineData("{\"network\": {\"status\": \"DOWN\"}}")]
    public async Task MalformedNetworkCreate_Is400_NothingWritten(string body)
    {
        await using var host = await NeutronHost.StartAsync();
        var response = await host.PostAsync("/v2.0/networks", body);
        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.Text);
        response.Body!["NeutronError"]!["type"]!.GetValue<string>().ShouldBeOneOf("HTTPBadRequest", "InvalidInput");
        (await host.Store.ListAsync<LogicalSwitch>()).ShouldBeEmpty();
    }

    [Fact]
    public async Task UnknownAttribute_MessageNamesIt_AndWrongTypeNamesTheAttribute()
    {
        await using var host = await NeutronHost.StartAsync();
        (await host.PostAsync("/v2.0/networks", "{\"network\": {\"colour\": \"red\"}}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "HTTPBadRequest").ShouldContain("colour");
        (await host.PostAsync("/v2.0/networks", "{\"network\": {\"admin_state_up\": \"maybe\"}}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "HTTPBadRequest").ShouldContain("admin_state_up");
    }

    [Theory]
    [InlineData("\"fixed_ips\": [{\"ip_address\": \"10.0.0.300\"}]")]
    [InlineData("\"fixed_ips\": [{\"ip_address\": \"fe80::1%eth0\"}]")]
    [InlineData("\"fixed_ips\": [{\"bogus\": 1}]")]
    [InlineData("\"fixed_ips\": \"10.0.0.5\"")]
    [InlineData("\"mac_address\": \"fa:16:3e:00:00\"")]
    [InlineData("\"mac_address\": 12")]
    [InlineData("\"allowed_address_pairs\": [{\"mac_address\": \"fa:16:3e:00:00:01\"}]")]
    [InlineData("\"extra_dhcp_opts\": [{\"opt_value\": \"x\"}]")]
    [InlineData("\"binding:profile\": \"text\"")]
    [InlineData("\"binding:vnic_type\": \"weird\"")]
    [InlineData("\"security_groups\": \"default\"")]
    public async Task MalformedPortCreate_Is400_NothingWritten(string attributes)
    {
        await using var host = await NeutronHost.StartAsync();
        var net = NeutronHost.Id(await host.NetworkAsync());
        await host.SubnetAsync(net, "10.0.0.0/24");
        (await host.PostAsync("/v2.0/ports", $"{{\"port\": {{\"network_id\": \"{net}\", {attributes}}}}}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "HTTPBadRequest");
        (await host.Store.ListAsync<LogicalPort>()).ShouldBeEmpty();
    }

    [Fact]
    public async Task MalformedRouterRequests_Are400()
    {
        await using var host = await NeutronHost.StartAsync();
        var router = NeutronHost.Id(await host.CreateAsync("routers", "router", "{}"));
        (await host.PutAsync($"/v2.0/routers/{router}", "{\"router\": {\"external_gateway_info\": {\"enable_snat\": true}}}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "HTTPBadRequest");
        (await host.PutAsync($"/v2.0/routers/{router}", "{\"router\": {\"routes\": [{\"destination\": \"x\", \"nexthop\": \"10.0.0.1\"}]}}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "HTTPBadRequest");
        (await host.PutAsync($"/v2.0/routers/{router}/add_router_interface", "{}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "HTTPBadRequest");
        (await host.PutAsync($"/v2.0/routers/{router}/add_router_interface", "{\"subnet_id\": \"nope\"}"))
            .ShouldBeError(HttpStatusCode.NotFound, "SubnetNotFound");
        (await host.Store.GetAsync<LogicalRouter>(router))!.RevisionNumber.ShouldBe(0);
    }
}
