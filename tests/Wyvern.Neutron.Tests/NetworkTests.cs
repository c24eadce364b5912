using System.Net;
using Wyvern.Model;

namespace Wyvern.Neutron.Tests;

[Trait("Layer", "Unit")]
public sealed class NetworkTests
{
    [Fact]
    public async Task Create_Answers201_WithStandardAttributesAndDefaults()
    {
        await using var host = await NeutronHost.StartAsync();
        var network = await host.NetworkAsync("net1");
        Guid.TryParse(NeutronHost.Id(network), out _).ShouldBeTrue();
        network["name"]!.GetValue<string>().ShouldBe("net1");
        network["project_id"]!.GetValue<string>().ShouldBe("admin");
        network["tenant_id"]!.GetValue<string>().ShouldBe("admin");
        network["description"]!.GetValue<string>().ShouldBe("");
        network["revision_number"]!.GetValue<long>().ShouldBe(0);
        network["tags"]!.AsArray().Count.ShouldBe(0);
        network["subnets"]!.AsArray().Count.ShouldBe(0);
        network["created_at"]!.GetValue<string>().ShouldEndWith("Z");
        network["provider:network_type"]!.GetValue<string>().ShouldBe("vxlan");
        network["provider:segmentation_id"]!.GetValue<int>().ShouldBe(1);
        network["mtu"]!.GetValue<int>().ShouldBe(1450);
        network["port_security_enabled"]!.GetValue<bool>().ShouldBeTrue();
        network["router:external"]!.GetValue<bool>().ShouldBeFalse();
        var stored = await host.Store.GetAsync<LogicalSwitch>(NeutronHost.Id(network));
        stored!.SegmentationId.ShouldBe(1);
        stored.Key.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Create_AllocatesDistinctVnis()
    {
        await using var host = await NeutronHost.StartAsync();
        await host.NetworkAsync("a", ", \"provider:segmentation_id\": 1");
        var second = await host.NetworkAsync("b");
        second["provider:segmentation_id"]!.GetValue<int>().ShouldBe(2);
        (await host.PostAsync("/v2.0/networks", "{\"network\": {\"provider:segmentation_id\": 2}}"))
            .ShouldBeError(HttpStatusCode.Conflict, "TunnelIdInUse");
    }

    [Fact]
    public async Task Vlan_InRange_IsStored_AndDuplicateIsRefused()
    {
        await using var host = await NeutronHost.StartAsync();
        const string vlan = ", \"provider:network_type\": \"vlan\", \"provider:physical_network\": \"physnet1\", \"provider:segmentation_id\": 100";
        var network = await host.NetworkAsync("v", vlan);
        network["provider:segmentation_id"]!.GetValue<int>().ShouldBe(100);
        network["provider:physical_network"]!.GetValue<string>().ShouldBe("physnet1");
        network["mtu"]!.GetValue<int>().ShouldBe(1500);
        (await host.PostAsync("/v2.0/networks", "{\"network\": {\"name\": \"v2\"" + vlan + "}}"))
            .ShouldBeError(HttpStatusCode.Conflict, "VlanIdInUse");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4095)]
    public async Task Vlan_OutOfRange_Is400_AndNothingWritten(int vlan)
    {
        await using var host = await NeutronHost.StartAsync();
        var response = await host.PostAsync("/v2.0/networks",
            $"{{\"network\": {{\"provider:network_type\": \"vlan\", \"provider:physical_network\": \"p\", \"provider:segmentation_id\": {vlan}}}}}");
        response.ShouldBeError(HttpStatusCode.BadRequest, "InvalidInput").ShouldContain("segmentation_id");
        (await host.Store.ListAsync<LogicalSwitch>()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Flat_NeedsPhysicalNetwork_AndTakesItOnce()
    {
        await using var host = await NeutronHost.StartAsync();
        (await host.PostAsync("/v2.0/networks", "{\"network\": {\"provider:network_type\": \"flat\"}}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "InvalidInput").ShouldContain("physical_network");
        await host.NetworkAsync("f", ", \"provider:network_type\": \"flat\", \"provider:physical_network\": \"physnet1\"");
        (await host.PostAsync("/v2.0/networks", "{\"network\": {\"provider:network_type\": \"flat\", \"provider:physical_network\": \"physnet1\"}}"))
            .ShouldBeError(HttpStatusCode.Conflict, "FlatNetworkInUse");
        (await host.PostAsync("/v2.0/networks", "{\"network\": {\"provider:network_type\": \"bogus\"}}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "InvalidInput");
    }

    [Fact]
    public async Task Mtu_AboveWhatTheOverlayCarries_Is400()
    {
        await using var host = await NeutronHost.StartAsync();
        (await host.PostAsync("/v2.0/networks", "{\"network\": {\"mtu\": 1500}}")).ShouldBeError(HttpStatusCode.BadRequest, "InvalidInput");
        (await host.NetworkAsync("m", ", \"mtu\": 1400"))["mtu"]!.GetValue<int>().ShouldBe(1400);
    }

    [Fact]
    public async Task Update_Answers200_BumpsRevision_AndAcceptsBooleanStrings()
    {
        await using var host = await NeutronHost.StartAsync();
        var id = NeutronHost.Id(await host.NetworkAsync("old"));
        var response = await host.PutAsync($"/v2.0/networks/{id}",
            "{\"network\": {\"name\": \"new\", \"admin_state_up\": \"False\", \"description\": \"d\", \"port_security_enabled\": false}}");
        response.Status.ShouldBe(HttpStatusCode.OK, response.Text);
        var network = response.Body!["network"]!;
        network["name"]!.GetValue<string>().ShouldBe("new");
        network["description"]!.GetValue<string>().ShouldBe("d");
        network["admin_state_up"]!.GetValue<bool>().ShouldBeFalse();
        network["revision_number"]!.GetValue<long>().ShouldBe(1);
        (await host.Store.GetAsync<LogicalSwitch>(id))!.PortSecurityEnabled.ShouldBeFalse();
    }

    [Fact]
    public async Task Update_ProviderAttributes_Is400()
    {
        await using var host = await NeutronHost.StartAsync();
        var id = NeutronHost.Id(await host.NetworkAsync());
        (await host.PutAsync($"/v2.0/networks/{id}", "{\"network\": {\"provider:segmentation_id\": 7}}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "InvalidInput");
        (await host.PutAsync($"/v2.0/networks/{id}", "{\"network\": {\"id\": \"x\"}}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "HTTPBadRequest").ShouldContain("read-only");
    }

    [Fact]
    public async Task Delete_Answers204WithNoBody_AndTakesTheSubnets()
    {
        await using var host = await NeutronHost.StartAsync();
        var id = NeutronHost.Id(await host.NetworkAsync());
        await host.SubnetAsync(id, "10.0.0.0/24");
        var response = await host.DeleteAsync($"/v2.0/networks/{id}");
        response.Status.ShouldBe(HttpStatusCode.NoContent);
        response.Text.ShouldBeEmpty();
        (await host.Store.ListAsync<Subnet>()).ShouldBeEmpty();
        (await host.GetAsync($"/v2.0/networks/{id}")).ShouldBeError(HttpStatusCode.NotFound, "NetworkNotFound");
        (await host.DeleteAsync($"/v2.0/networks/{id}")).ShouldBeError(HttpStatusCode.NotFound, "NetworkNotFound");
    }

    [Fact]
    public async Task Delete_WithPorts_Is409NetworkInUse()
    {
        await using var host = await NeutronHost.StartAsync();
        var id = NeutronHost.Id(await host.NetworkAsync());
        await host.PortAsync(id);
        (await host.DeleteAsync($"/v2.0/networks/{id}")).ShouldBeError(HttpStatusCode.Conflict, "NetworkInUse");
        (await host.Store.GetAsync<LogicalSwitch>(id)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Show_ListsItsSubnets()
    {
        await using var host = await NeutronHost.StartAsync();
        var id = NeutronHost.Id(await host.NetworkAsync());
        var subnet = NeutronHost.Id(await host.SubnetAsync(id, "10.0.0.0/24"));
        var shown = (await host.GetAsync($"/v2.0/networks/{id}")).Body!["network"]!;
        shown["subnets"]!.AsArray().Select(s => s!.GetValue<string>()).ShouldBe([subnet]);
    }

    [Fact]
    public async Task External_CannotBeTurnedOff_WhileARouterGatewayUsesIt()
    {
        await using var host = await NeutronHost.StartAsync();
        var (ext, _) = await host.ExternalNetworkAsync();
        await host.CreateAsync("routers", "router", $"{{\"external_gateway_info\": {{\"network_id\": \"{NeutronHost.Id(ext)}\"}}}}");
        (await host.PutAsync($"/v2.0/networks/{NeutronHost.Id(ext)}", "{\"network\": {\"router:external\": false}}"))
            .ShouldBeError(HttpStatusCode.Conflict, "NetworkInUse");
        (await host.Store.GetAsync<LogicalSwitch>(NeutronHost.Id(ext)))!.External.ShouldBeTrue();
    }
}
