using System.Net;
using System.Text.Json.Nodes;
using Wyvern.Model;

namespace Wyvern.Neutron.Tests;

[Trait("Layer", "Unit")]
public sealed class PortTests
{
    private static string Ip(JsonObject port, int index = 0) => port["fixed_ips"]![index]!["ip_address"]!.GetValue<string>();

    [Fact]
    public async Task Ipam_HandsOutPoolAddressesInOrder_AndReleasesOnDelete()
    {
        await using var host = await NeutronHost.StartAsync();
        var net = NeutronHost.Id(await host.NetworkAsync());
        var subnet = NeutronHost.Id(await host.SubnetAsync(net, "10.0.0.0/24"));
        var first = await host.PortAsync(net);
        var second = await host.PortAsync(net);
        Ip(first).ShouldBe("10.0.0.2");
        Ip(second).ShouldBe("10.0.0.3");
        first["fixed_ips"]![0]!["subnet_id"]!.GetValue<string>().ShouldBe(subnet);
        (await host.DeleteAsync($"/v2.0/ports/{NeutronHost.Id(first)}")).Status.ShouldBe(HttpStatusCode.NoContent);
        Ip(await host.PortAsync(net)).ShouldBe("10.0.0.2");
    }

    [Fact]
    public async Task FixedIps_BySubnetAndByAddress()
    {
        await using var host = await NeutronHost.StartAsync();
        var net = NeutronHost.Id(await host.NetworkAsync());
        var a = NeutronHost.Id(await host.SubnetAsync(net, "10.0.0.0/24"));
        var b = NeutronHost.Id(await host.SubnetAsync(net, "10.0.1.0/24"));
        var bySubnet = await host.PortAsync(net, $", \"fixed_ips\": [{{\"subnet_id\": \"{b}\"}}]");
        Ip(bySubnet).ShouldBe("10.0.1.2");
        var byAddress = await host.PortAsync(net, ", \"fixed_ips\": [{\"ip_address\": \"10.0.0.50\"}]");
        byAddress["fixed_ips"]![0]!["subnet_id"]!.GetValue<string>().ShouldBe(a);
        var both = await host.PortAsync(net, $", \"fixed_ips\": [{{\"subnet_id\": \"{a}\", \"ip_address\": \"10.0.0.60\"}}, {{\"subnet_id\": \"{b}\"}}]");
        Ip(both, 0).ShouldBe("10.0.0.60");
        Ip(both, 1).ShouldBe("10.0.1.3");
    }

    [Fact]
    public async Task DuplicateAddress_Is409IpAddressAlreadyAllocated()
    {
        await using var host = await NeutronHost.StartAsync();
        var net = NeutronHost.Id(await host.NetworkAsync());
        await host.SubnetAsync(net, "10.0.0.0/24");
        await host.PortAsync(net, ", \"fixed_ips\": [{\"ip_address\": \"10.0.0.10\"}]");
        (await host.PostAsync("/v2.0/ports", $"{{\"port\": {{\"network_id\": \"{net}\", \"fixed_ips\": [{{\"ip_address\": \"10.0.0.10\"}}]}}}}"))
            .ShouldBeError(HttpStatusCode.Conflict, "IpAddressAlreadyAllocated");
        (await host.Store.ListAsync<LogicalPort>()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task FullPool_Is409IpAddressGenerationFailure_AndGatewayIsNeverHandedOut()
    {
        await using var host = await NeutronHost.StartAsync();
        var net = NeutronHost.Id(await host.NetworkAsync());
        await host.SubnetAsync(net, "10.0.0.0/29"); // hosts .1-.6, gateway .1: five addresses
        var addresses = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            addresses.Add(Ip(await host.PortAsync(net)));
        }
        addresses.ShouldBe(["10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5", "10.0.0.6"]);
        (await host.PostAsync("/v2.0/ports", $"{{\"port\": {{\"network_id\": \"{net}\"}}}}"))
            .ShouldBeError(HttpStatusCode.Conflict, "IpAddressGenerationFailure");
    }

    [Theory]
    [InlineData("10.0.0.0")]
    [InlineData("10.0.0.255")]
    [InlineData("10.9.0.5")]
    public async Task AddressThatIsNotAHostOfTheSubnet_Is400(string address)
    {
        await using var host = await NeutronHost.StartAsync();
        var net = NeutronHost.Id(await host.NetworkAsync());
        var subnet = NeutronHost.Id(await host.SubnetAsync(net, "10.0.0.0/24"));
        (await host.PostAsync("/v2.0/ports", $"{{\"port\": {{\"network_id\": \"{net}\", \"fixed_ips\": [{{\"subnet_id\": \"{subnet}\", \"ip_address\": \"{address}\"}}]}}}}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "HTTPBadRequest");
        (await host.PostAsync("/v2.0/ports", $"{{\"port\": {{\"network_id\": \"{net}\", \"fixed_ips\": [{{\"ip_address\": \"10.0.0.999\"}}]}}}}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "HTTPBadRequest").ShouldContain("fixed_ips");
    }

    [Fact]
    public async Task Ipv6Slaac_GetsEui64Address_AlongsideIpv4()
    {
        await using var host = await NeutronHost.StartAsync();
        var net = NeutronHost.Id(await host.NetworkAsync());
        await host.SubnetAsync(net, "10.0.0.0/24");
        await host.SubnetAsync(net, "2001:db8::/64", ", \"ipv6_ra_mode\": \"slaac\", \"ipv6_address_mode\": \"slaac\"");
        var port = await host.PortAsync(net, ", \"mac_address\": \"fa:16:3e:11:22:33\"");
        Ip(port, 0).ShouldBe("10.0.0.2");
        Ip(port, 1).ShouldBe("2001:db8::f816:3eff:fe11:2233");
    }

    [Fact]
    public async Task Mac_IsGeneratedFromTheConfiguredBase_AndUserMacIsChecked()
    {
        await using var host = await NeutronHost.StartAsync(new NeutronOptions { BaseMac = MacAddress.Parse("02:aa:bb:00:00:00") });
        var net = NeutronHost.Id(await host.NetworkAsync());
        var generated = (await host.PortAsync(net))["mac_address"]!.GetValue<string>();
        generated.ShouldStartWith("02:aa:bb:");
        (await host.PostAsync("/v2.0/ports", $"{{\"port\": {{\"network_id\": \"{net}\", \"mac_address\": \"{generated}\"}}}}"))
            .ShouldBeError(HttpStatusCode.Conflict, "MacAddressInUse");
        (await host.PostAsync("/v2.0/ports", $"{{\"port\": {{\"network_id\": \"{net}\", \"mac_address\": \"zz:16:3e:00:00:01\"}}}}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "HTTPBadRequest").ShouldContain("mac_address");
        (await host.PostAsync("/v2.0/ports", $"{{\"port\": {{\"network_id\": \"{net}\", \"mac_address\": \"01:00:5e:00:00:01\"}}}}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "HTTPBadRequest");
    }

    [Fact]
    public async Task NewPort_HasListsNeverNull_AndJoinsTheDefaultGroup()
    {
        await using var host = await NeutronHost.StartAsync();
        var net = NeutronHost.Id(await host.NetworkAsync());
        var port = await host.PortAsync(net);
        foreach (var list in new[] { "fixed_ips", "allowed_address_pairs", "extra_dhcp_opts", "tags", "security_groups" })
        {
            port[list].ShouldBeOfType<JsonArray>(list);
        }
        port["fixed_ips"]!.AsArray().Count.ShouldBe(0);
        port["status"]!.GetValue<string>().ShouldBe("DOWN");
        port["binding:vif_type"]!.GetValue<string>().ShouldBe("unbound");
        port["binding:vnic_type"]!.GetValue<string>().ShouldBe("normal");
        var groups = await host.Store.ListAsync<SecurityGroup>();
        groups.Single().Name.ShouldBe("default");
        port["security_groups"]!.AsArray().Single()!.GetValue<string>().ShouldBe(groups[0].Id);
    }

    [Fact]
    public async Task Binding_IsStored_AndRemotePortIsBoundToItsVtep()
    {
        await using var host = await NeutronHost.StartAsync();
        var net = NeutronHost.Id(await host.NetworkAsync());
        var port = await host.PortAsync(net,
            ", \"binding:host_id\": \"compute1\", \"binding:profile\": {\"port_key\": \"remote_port\", \"host_ip\": \"192.0.2.7\"}, \"device_owner\": \"compute:nova\", \"device_id\": \"vm1\"");
        port["binding:host_id"]!.GetValue<string>().ShouldBe("compute1");
        port["binding:profile"]!["host_ip"]!.GetValue<string>().ShouldBe("192.0.2.7");
        port["binding:vif_type"]!.GetValue<string>().ShouldBe("ovs");
        port["device_owner"]!.GetValue<string>().ShouldBe("compute:nova");
        var stored = await host.Store.GetAsync<LogicalPort>(NeutronHost.Id(port));
        stored!.Binding.ShouldBe(PortBinding.Remote(IPAddress.Parse("192.0.2.7")));
        stored.BindingHost.ShouldBe("compute1");
        stored.DeviceId.ShouldBe("vm1");
    }

    [Fact]
    public async Task PortSecurityOff_WithSecurityGroups_Is400_WithoutThem_HasNone()
    {
        await using var host = await NeutronHost.StartAsync();
        var net = NeutronHost.Id(await host.NetworkAsync());
        var group = NeutronHost.Id(await host.CreateAsync("security-groups", "security_group", "{\"name\": \"web\"}"));
        (await host.PostAsync("/v2.0/ports", $"{{\"port\": {{\"network_id\": \"{net}\", \"port_security_enabled\": false, \"security_groups\": [\"{group}\"]}}}}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "HTTPBadRequest").ShouldContain("Port security");
        var port = await host.PortAsync(net, ", \"port_security_enabled\": false");
        port["security_groups"]!.AsArray().Count.ShouldBe(0);
        port["port_security_enabled"]!.GetValue<bool>().ShouldBeFalse();
        (await host.PutAsync($"/v2.0/ports/{NeutronHost.Id(port)}", $"{{\"port\": {{\"security_groups\": [\"{group}\"]}}}}"))
            .ShouldBeError(HttpStatusCode.Conflict, "PortSecurityPortHasSecurityGroup");
        var secured = await host.PortAsync(net, $", \"security_groups\": [\"{group}\"]");
        (await host.PutAsync($"/v2.0/ports/{NeutronHost.Id(secured)}", "{\"port\": {\"port_security_enabled\": false}}"))
            .ShouldBeError(HttpStatusCode.Conflict, "PortSecurityPortHasSecurityGroup");
        var both = await host.PutAsync($"/v2.0/ports/{NeutronHost.Id(secured)}", "{\"port\": {\"port_security_enabled\": false, \"security_groups\": []}}");
        both.Status.ShouldBe(HttpStatusCode.OK, both.Text);
        (await host.PostAsync("/v2.0/ports", $"{{\"port\": {{\"network_id\": \"{net}\", \"security_groups\": [\"missing\"]}}}}"))
            .ShouldBeError(HttpStatusCode.NotFound, "SecurityGroupNotFound");
    }

    [Fact]
    public async Task AllowedAddressPairs_RenderWithThePortMac_AndNeedPortSecurity()
    {
        await using var host = await NeutronHost.StartAsync();
        var net = NeutronHost.Id(await host.NetworkAsync());
        var port = await host.PortAsync(net,
            ", \"mac_address\": \"fa:16:3e:00:00:01\", \"allowed_address_pairs\": [{\"ip_address\": \"10.0.0.100\"}, {\"ip_address\": \"10.1.0.0/24\", \"mac_address\": \"fa:16:3e:00:00:99\"}]");
        port["allowed_address_pairs"]!.ToJsonString().ShouldBe(
            "[{\"ip_address\":\"10.0.0.100\",\"mac_address\":\"fa:16:3e:00:00:01\"},{\"ip_address\":\"10.1.0.0/24\",\"mac_address\":\"fa:16:3e:00:00:99\"}]");
        (await host.PostAsync("/v2.0/ports", $"{{\"port\": {{\"network_id\": \"{net}\", \"port_security_enabled\": false, \"allowed_address_pairs\": [{{\"ip_address\": \"10.0.0.7\"}}]}}}}"))
            .ShouldBeError(HttpStatusCode.Conflict, "AddressPairAndPortSecurityRequired");
        (await host.PostAsync("/v2.0/ports", $"{{\"port\": {{\"network_id\": \"{net}\", \"allowed_address_pairs\": [{{\"ip_address\": \"nope\"}}]}}}}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "HTTPBadRequest");
    }

    [Fact]
    public async Task ExtraDhcpOpts_AreSet_AndRemovedByNullValue()
    {
        await using var host = await NeutronHost.StartAsync();
        var net = NeutronHost.Id(await host.NetworkAsync());
        var port = await host.PortAsync(net,
            ", \"extra_dhcp_opts\": [{\"opt_name\": \"bootfile-name\", \"opt_value\": \"pxelinux.0\"}, {\"opt_name\": \"tftp-server\", \"opt_value\": \"10.0.0.9\"}]");
        port["extra_dhcp_opts"]!.AsArray().Count.ShouldBe(2);
        var updated = await host.PutAsync($"/v2.0/ports/{NeutronHost.Id(port)}",
            "{\"port\": {\"extra_dhcp_opts\": [{\"opt_name\": \"tftp-server\", \"opt_value\": null}]}}");
        updated.Body!["port"]!["extra_dhcp_opts"]!.ToJsonString().ShouldBe("[{\"opt_name\":\"bootfile-name\",\"opt_value\":\"pxelinux.0\",\"ip_version\":4}]");
    }

    [Fact]
    public async Task Update_FixedIps_KeepsOrChangesAddresses()
    {
        await using var host = await NeutronHost.StartAsync();
        var net = NeutronHost.Id(await host.NetworkAsync());
        await host.SubnetAsync(net, "10.0.0.0/24");
        var port = await host.PortAsync(net);
        var response = await host.PutAsync($"/v2.0/ports/{NeutronHost.Id(port)}", "{\"port\": {\"fixed_ips\": [{\"ip_address\": \"10.0.0.2\"}, {\"ip_address\": \"10.0.0.77\"}], \"name\": \"renamed\"}}");
        response.Status.ShouldBe(HttpStatusCode.OK, response.Text);
        var updated = response.Body!["port"]!.AsObject();
        Ip(updated, 0).ShouldBe("10.0.0.2");
        Ip(updated, 1).ShouldBe("10.0.0.77");
        updated["revision_number"]!.GetValue<long>().ShouldBe(1);
    }

    [Fact]
    public async Task UnknownNetwork_Is404_AndMissingNetworkId_Is400()
    {
        await using var host = await NeutronHost.StartAsync();
        (await host.PostAsync("/v2.0/ports", "{\"port\": {\"network_id\": \"nope\"}}")).ShouldBeError(HttpStatusCode.NotFound, "NetworkNotFound");
        (await host.PostAsync("/v2.0/ports", "{\"port\": {\"name\": \"x\"}}")).ShouldBeError(HttpStatusCode.BadRequest, "HTTPBadRequest");
        (await host.GetAsync("/v2.0/ports/nope")).ShouldBeError(HttpStatusCode.NotFound, "PortNotFound");
    }

    [Fact]
    public async Task List_IsStableAcrossRequests_AndShowsEveryUpdate()
    {
        await using var host = await NeutronHost.StartAsync();
        var net = NeutronHost.Id(await host.NetworkAsync());
        var id = NeutronHost.Id(await host.PortAsync(net, ", \"name\": \"before\""));
        var lists = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => host.GetAsync("/v2.0/ports")));
        lists.ShouldAllBe(l => l.Text == lists[0].Text);
        (await host.GetAsync("/v2.0/ports?fields=name")).Text.ShouldBe("{\"ports\":[{\"name\":\"before\"}]}");
        await host.PutAsync($"/v2.0/ports/{id}", "{\"port\": {\"name\": \"after\"}}");
        (await host.GetAsync("/v2.0/ports")).Items("ports").Single()["name"]!.GetValue<string>().ShouldBe("after");
        (await host.GetAsync($"/v2.0/ports/{id}")).Body!["port"]!["name"]!.GetValue<string>().ShouldBe("after");
    }
}
