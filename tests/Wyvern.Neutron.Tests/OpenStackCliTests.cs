using System.Net;
using Wyvern.Model;

namespace Wyvern.Neutron.Tests;

/// <summary>The real client: Debian's openstack CLI drives the API on 127.0.0.1 (Kestrel, noauth) end to end.</summary>
[Trait("Layer", "EndToEnd")]
public sealed class OpenStackCliTests
{
    [Fact]
    public async Task OpenStackCli_CreatesSetsShowsListsAndDeletes_EveryResource()
    {
        await using var host = await NeutronHost.StartOnLoopbackAsync();
        var cache = Path.Combine(host.Directory, "cli");

        var (created, errors) = await OpenStackCli.RunAsync(host.BaseAddress, cache,
            "network create ext --external --provider-network-type flat --provider-physical-network physnet1 -f value -c name",
            "subnet create --network ext --subnet-range 203.0.113.0/24 --no-dhcp extsub -f value -c cidr",
            "network create net1 -f value -c mtu",
            "subnet create --network net1 --subnet-range 10.0.0.0/24 --dns-nameserver 8.8.8.8 sub1 -f value -c gateway_ip",
            "subnet create --network net1 --ip-version 6 --subnet-range 2001:db8::/64 --ipv6-ra-mode slaac --ipv6-address-mode slaac sub6 -f value -c gateway_ip",
            "router create r1 -f value -c name",
            "router add subnet r1 sub1",
            "router set r1 --external-gateway ext",
            "security group create sg1 -f value -c name",
            "security group rule create --protocol tcp --dst-port 22 sg1 -f value -c port_range_max",
            "port create --network net1 --fixed-ip subnet=sub1,ip-address=10.0.0.10 --security-group sg1 p1 -f value -c status",
            "floating ip create ext -f value -c floating_ip_address");
        errors.ShouldBeEmpty();
        created.ShouldBe(["ext", "203.0.113.0/24", "1450", "10.0.0.1", "2001:db8::1", "r1", "sg1", "22", "DOWN", "203.0.113.3"]);

        var (shown, setErrors) = await OpenStackCli.RunAsync(host.BaseAddress, cache,
            "network set --description d1 net1",
            "network show net1 -f value -c description",
            "subnet set --dns-nameserver 1.1.1.1 sub1",
            "subnet show sub1 -f value -c dns_nameservers",
            "port set --name p1b p1",
            "port show p1b -f value -c fixed_ips",
            "floating ip set --port p1b 203.0.113.3",
            "floating ip show 203.0.113.3 -f value -c fixed_ip_address",
            "floating ip show 203.0.113.3 -f value -c status",
            "floating ip unset --port 203.0.113.3",
            "floating ip show 203.0.113.3 -f value -c status",
            "security group set --description web sg1",
            "security group show sg1 -f value -c description",
            "router show r1 -f value -c external_gateway_info",
            "router show r1 -f value -c interfaces_info",
            "router set r1 --route destination=172.16.0.0/16,gateway=10.0.0.9",
            "router show r1 -f value -c routes",
            "network list -f value -c Name");
        setErrors.ShouldBeEmpty();
        shown[0].ShouldBe("d1");
        shown[1].ShouldContain("'1.1.1.1'");
        shown[1].ShouldContain("'8.8.8.8'");
        shown[2].ShouldContain("'ip_address': '10.0.0.10'");
        shown.Skip(3).Take(4).ShouldBe(["10.0.0.10", "ACTIVE", "DOWN", "web"]);
        shown[7].ShouldContain("'ip_address': '203.0.113.2'");
        shown[7].ShouldContain("'enable_snat': True");
        shown[8].ShouldContain("'ip_address': '10.0.0.1'");
        shown[9].ShouldBe("[{'destination': '172.16.0.0/16', 'nexthop': '10.0.0.9'}]");
        shown.Skip(10).ShouldBe(["ext", "net1"], ignoreOrder: true);

        var router = (await host.Store.ListAsync<LogicalRouter>()).Single();
        router.ExternalGateway!.ExternalFixedIps.Single().IpAddress.ShouldBe(IPAddress.Parse("203.0.113.2"));
        router.Ports.Single().IpAddress.ShouldBe(IPAddress.Parse("10.0.0.1"));
        var port = (await host.Store.ListAsync<LogicalPort>()).Single(p => p.Name == "p1b");
        port.SecurityGroupIds.Count.ShouldBe(1);

        var (remaining, deleteErrors) = await OpenStackCli.RunAsync(host.BaseAddress, cache,
            "floating ip delete 203.0.113.3",
            "port delete p1b",
            "router unset --route destination=172.16.0.0/16,gateway=10.0.0.9 r1",
            "router remove subnet r1 sub1",
            "router delete r1",
            "security group delete sg1",
            "subnet delete sub6",
            "network delete net1",
            "network delete ext",
            "floating ip list -f value -c ID",
            "port list -f value -c ID",
            "router list -f value -c ID",
            "network list -f value -c ID");
        deleteErrors.ShouldBeEmpty();
        remaining.ShouldBeEmpty();
        (await host.Store.ListAsync<LogicalPort>()).ShouldBeEmpty();
        (await host.Store.ListAsync<Subnet>()).ShouldBeEmpty();
    }

    [Fact]
    public async Task OpenStackCli_ShowsNeutronsErrorMessage()
    {
        await using var host = await NeutronHost.StartOnLoopbackAsync();
        var (_, errors) = await OpenStackCli.RunAsync(host.BaseAddress, Path.Combine(host.Directory, "cli"),
            "network create n -f value -c id",
            "subnet create --network n --subnet-range 10.0.0.0/24 s -f value -c id",
            "subnet create --network n --subnet-range 10.0.0.0/25 s2 -f value -c id",
            "port create --network n --fixed-ip ip-address=10.0.0.5 p -f value -c id",
            "network delete n");
        errors.ShouldContain("overlaps with another subnet");
        errors.ShouldContain("There are one or more ports still in use on the network");
    }
}
