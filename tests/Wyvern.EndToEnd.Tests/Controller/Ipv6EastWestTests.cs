using System.Net;
using Wyvern.Controller;
using Wyvern.Model;
using Wyvern.Northbound;
using Wyvern.Northbound.Embedded;
using Wyvern.Testing;
using Wyvern.Testing.Harness;
using Xunit.Abstractions;

namespace Wyvern.EndToEnd.Tests.Controller;

/// <summary>IPv6 through the distributed router on real OVS: neighbour discovery for the router answered by the controller, routing in flows.</summary>
[Trait("Layer", Layer.EndToEnd)]
public sealed class Ipv6EastWestTests(ITestOutputHelper output)
{
    [Fact]
    public async Task OneChassis_Ipv6Subnets_Router_Ping6AcrossTheRouter()
    {
        await using var lab = new Lab();
        var ch = await lab.AddChassisAsync(new ChassisOptions { CreateIntegrationBridge = false });
        var store = lab.Own(EmbeddedNbStore.Open(Path.Combine(ch.RunDir, "nb.db")));
        var revision = (await store.CommitAsync(new NbTransaction()
            .Create(OpenSecurityGroup.Group)
            .Create(new LogicalSwitch { Id = "v6-a", Key = 1 })
            .Create(new LogicalSwitch { Id = "v6-b", Key = 2 })
            .Create(new Subnet { Id = "s-a", NetworkId = "v6-a", Cidr = IPNetwork.Parse("2001:db8:a::/64"), GatewayIp = IPAddress.Parse("2001:db8:a::1") })
            .Create(new Subnet { Id = "s-b", NetworkId = "v6-b", Cidr = IPNetwork.Parse("2001:db8:b::/64"), GatewayIp = IPAddress.Parse("2001:db8:b::1") })
            .Create(Port("e1000001-0000-4000-8000-000000000001", 11, "v6-a", "s-a", "fa:16:3e:00:06:01", "2001:db8:a::11"))
            .Create(Port("e3000003-0000-4000-8000-000000000003", 13, "v6-b", "s-b", "fa:16:3e:00:06:03", "2001:db8:b::13"))
            .Create(new LogicalRouter
            {
                Id = "r6",
                Key = 6,
                Ports =
                [
                    Interface("rp6-a", 21, "v6-a", "s-a", "fa:16:3e:bb:00:01", "2001:db8:a::1", "2001:db8:a::/64"),
                    Interface("rp6-b", 22, "v6-b", "s-b", "fa:16:3e:bb:00:02", "2001:db8:b::1", "2001:db8:b::/64"),
                ],
            }))).Revision;
        var controller = lab.Own(new ChassisController(store, HarnessControllerOptions.For(ch), new TestOutputLogger(output, "controller")));
        await controller.StartAsync();
        await controller.WaitSyncedAsync(revision).WaitAsync(TimeSpan.FromSeconds(20));

        var vm1 = await lab.AddVmAsync(ch, "e1000001-0000-4000-8000-000000000001", "fa:16:3e:00:06:01");
        var vm3 = await lab.AddVmAsync(ch, "e3000003-0000-4000-8000-000000000003", "fa:16:3e:00:06:03");
        await Configure(vm1, "2001:db8:a::11/64", "2001:db8:a::1");
        await Configure(vm3, "2001:db8:b::13/64", "2001:db8:b::1");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(25);
        CommandResult ping;
        do
        {
            ping = await vm1.ExecAsync(["ping", "-6", "-c", "2", "-i", "0.2", "-W", "1", "2001:db8:b::13"]);
        }
        while (!ping.Succeeded && DateTime.UtcNow < deadline);
        ping.Succeeded.ShouldBeTrue(ping.ToString());
        ping.Stdout.ShouldContain("ttl=63", Case.Sensitive, "one routed hop: the hop limit was decremented once");
        // vm1 learnt the router's MAC from our neighbour advertisement.
        (await vm1.Netns.CheckAsync("ip", "-6", "neigh", "show", "2001:db8:a::1")).ShouldContain("fa:16:3e:bb:00:01");
    }

    private static async Task Configure(Vm vm, string cidr, string gateway)
    {
        await vm.Netns.CheckAsync("ip", "-6", "addr", "add", cidr, "dev", "eth0", "nodad");
        await vm.Netns.CheckAsync("ip", "-6", "route", "add", "default", "via", gateway, "dev", "eth0");
    }

    private static LogicalPort Port(string id, int key, string network, string subnet, string mac, string ip) => new()
    {
        Id = id,
        Key = key,
        NetworkId = network,
        MacAddress = MacAddress.Parse(mac),
        FixedIps = [new FixedIp(subnet, IPAddress.Parse(ip))],
        DeviceOwner = "compute:nova",
        SecurityGroupIds = [OpenSecurityGroup.Id],
    };

    private static RouterPort Interface(string id, int key, string network, string subnet, string mac, string ip, string cidr) => new()
    {
        Id = id, Key = key, NetworkId = network, SubnetId = subnet, MacAddress = MacAddress.Parse(mac), IpAddress = IPAddress.Parse(ip), Network = IPNetwork.Parse(cidr),
    };
}
