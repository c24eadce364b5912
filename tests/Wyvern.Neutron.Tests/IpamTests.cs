using System.Net;
using Wyvern.Model;
using Wyvern.Neutron.Ipam;

namespace Wyvern.Neutron.Tests;

[Trait("Layer", "Unit")]
public sealed class IpamTests
{
    private static Subnet Subnet(string cidr, string? gateway, params IpRange[] pools) => new()
    {
        Id = "s",
        NetworkId = "n",
        Cidr = IPNetwork.Parse(cidr),
        GatewayIp = gateway is null ? null : IPAddress.Parse(gateway),
        AllocationPools = pools.Length > 0 ? ValueList.Of(pools) : SubnetIpam.DefaultPools(IPNetwork.Parse(cidr), gateway is null ? null : IPAddress.Parse(gateway)),
    };

    [Fact]
    public void NextFree_SkipsUsedAddressesAndTheGateway_AcrossPools()
    {
        var subnet = Subnet("10.0.0.0/24", "10.0.0.5",
            new IpRange(IPAddress.Parse("10.0.0.4"), IPAddress.Parse("10.0.0.6")),
            new IpRange(IPAddress.Parse("10.0.0.20"), IPAddress.Parse("10.0.0.20")));
        var used = new HashSet<UInt128> { IpMath.ToNumber(IPAddress.Parse("10.0.0.4")) };
        SubnetIpam.NextFree(subnet, used).ShouldBe(IPAddress.Parse("10.0.0.6"));
        used.Add(IpMath.ToNumber(IPAddress.Parse("10.0.0.6")));
        SubnetIpam.NextFree(subnet, used).ShouldBe(IPAddress.Parse("10.0.0.20"));
        used.Add(IpMath.ToNumber(IPAddress.Parse("10.0.0.20")));
        SubnetIpam.NextFree(subnet, used).ShouldBeNull();
    }

    [Fact]
    public void HostAddresses_ExcludeIpv4NetworkAndBroadcast()
    {
        var subnet = Subnet("192.168.1.0/30", null);
        SubnetIpam.IsHostAddress(subnet, IPAddress.Parse("192.168.1.0")).ShouldBeFalse();
        SubnetIpam.IsHostAddress(subnet, IPAddress.Parse("192.168.1.1")).ShouldBeTrue();
        SubnetIpam.IsHostAddress(subnet, IPAddress.Parse("192.168.1.2")).ShouldBeTrue();
        SubnetIpam.IsHostAddress(subnet, IPAddress.Parse("192.168.1.3")).ShouldBeFalse();
        SubnetIpam.IsHostAddress(subnet, IPAddress.Parse("2001:db8::1")).ShouldBeFalse();
    }

    [Fact]
    public void Ipv6_LargePool_AllocatesWithoutEnumerating()
    {
        var subnet = Subnet("2001:db8::/64", "2001:db8::1");
        SubnetIpam.NextFree(subnet, new HashSet<UInt128>()).ShouldBe(IPAddress.Parse("2001:db8::2"));
        subnet.AllocationPools.Single().End.ShouldBe(IPAddress.Parse("2001:db8::ffff:ffff:ffff:ffff"));
    }

    [Fact]
    public void Eui64_FollowsRfc4291()
    {
        // RFC 4291 appendix A: 00:00:5e:00:53:01 → interface id 0200:5eff:fe00:5301 (the U/L bit flipped).
        SubnetIpam.Eui64(IPNetwork.Parse("2001:db8::/64"), MacAddress.Parse("00:00:5e:00:53:01"))
            .ShouldBe(IPAddress.Parse("2001:db8::200:5eff:fe00:5301"));
    }

    [Fact]
    public void MacGenerator_KeepsTheBase_AndAvoidsMacsInUse()
    {
        var generator = new MacGenerator(MacAddress.Parse("fa:16:3e:00:00:00"), new Random(1));
        var seen = new HashSet<MacAddress>();
        for (var i = 0; i < 1000; i++)
        {
            var mac = generator.Next(seen.Contains)!.Value;
            mac.ToString().ShouldStartWith("fa:16:3e:");
            seen.Add(mac).ShouldBeTrue();
        }
        var fourOctets = new MacGenerator(MacAddress.Parse("02:aa:bb:cc:00:00"), new Random(2));
        fourOctets.Next(_ => false)!.Value.ToString().ShouldStartWith("02:aa:bb:");
        new MacGenerator(MacAddress.Parse("fa:16:3e:00:00:00"), new Random(3)).Next(_ => true).ShouldBeNull();
    }
}
