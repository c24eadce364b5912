using System.Net;
using System.Net.Sockets;
using Wyvern.Model;

namespace Wyvern.Neutron.Ipam;

/// <summary>
/// IP address management of one subnet, as Neutron's built-in IPAM does it: addresses come from
/// the allocation pools in order, never twice, never the gateway; IPv4 network and broadcast
/// addresses are never handed out or accepted.
/// </summary>
internal static class SubnetIpam
{
    /// <summary>The default gateway: the first host address.</summary>
    public static IPAddress DefaultGateway(IPNetwork cidr)
    {
        var (first, _) = IpMath.Range(cidr);
        return IpMath.FromNumber(first + 1, cidr.BaseAddress.AddressFamily);
    }

    /// <summary>The usable host range of <paramref name="cidr"/> (IPv4 without network and broadcast; IPv6 without the subnet-router anycast address).</summary>
    public static (UInt128 First, UInt128 Last) HostRange(IPNetwork cidr)
    {
        var (first, last) = IpMath.Range(cidr);
        if (cidr.BaseAddress.AddressFamily == AddressFamily.InterNetwork)
        {
            return cidr.PrefixLength >= 31 ? (first, last) : (first + 1, last - 1);
        }
        return cidr.PrefixLength >= 127 ? (first, last) : (first + 1, last);
    }

    /// <summary>Neutron's default pools: the host range minus the gateway.</summary>
    public static ValueList<IpRange> DefaultPools(IPNetwork cidr, IPAddress? gateway)
    {
        var family = cidr.BaseAddress.AddressFamily;
        var (first, last) = HostRange(cidr);
        var pools = new List<IpRange>();
        if (gateway is not null && IpMath.ToNumber(gateway) is var g && g >= first && g <= last)
        {
            if (g > first)
            {
                pools.Add(new IpRange(IpMath.FromNumber(first, family), IpMath.FromNumber(g - 1, family)));
            }
            if (g < last)
            {
                pools.Add(new IpRange(IpMath.FromNumber(g + 1, family), IpMath.FromNumber(last, family)));
            }
        }
        else
        {
            pools.Add(new IpRange(IpMath.FromNumber(first, family), IpMath.FromNumber(last, family)));
        }
        return new ValueList<IpRange>(pools);
    }

    /// <summary>True when <paramref name="address"/> may be a fixed IP of <paramref name="subnet"/> (in the CIDR, a host address).</summary>
    public static bool IsHostAddress(Subnet subnet, IPAddress address)
    {
        if (address.AddressFamily != subnet.Cidr.BaseAddress.AddressFamily || !subnet.Cidr.Contains(address))
        {
            return false;
        }
        var (first, last) = HostRange(subnet.Cidr);
        var value = IpMath.ToNumber(address);
        return value >= first && value <= last;
    }

    /// <summary>The first free address of the pools, or null when they are full.</summary>
    public static IPAddress? NextFree(Subnet subnet, IReadOnlySet<UInt128> used)
    {
        var family = subnet.Cidr.BaseAddress.AddressFamily;
        var gateway = subnet.GatewayIp is null ? (UInt128?)null : IpMath.ToNumber(subnet.GatewayIp);
        foreach (var pool in subnet.AllocationPools)
        {
            var end = IpMath.ToNumber(pool.End);
            // At most used.Count + 2 candidates are taken before a free one: this stays linear in what is allocated.
            for (var candidate = IpMath.ToNumber(pool.Start); candidate <= end; candidate++)
            {
                if (!used.Contains(candidate) && candidate != gateway)
                {
                    return IpMath.FromNumber(candidate, family);
                }
                if (candidate == UInt128.MaxValue)
                {
                    break;
                }
            }
        }
        return null;
    }

    /// <summary>The modified EUI-64 address of <paramref name="mac"/> in a /64 (RFC 4291 §2.5.1), for SLAAC subnets.</summary>
    public static IPAddress Eui64(IPNetwork cidr, MacAddress mac)
    {
        var m = mac.Value;
        UInt128 interfaceId = ((m >> 24) << 40) | ((UInt128)0xFFFE << 24) | (m & 0xFFFFFF);
        interfaceId ^= (UInt128)0x02 << 56;
        var prefix = IpMath.ToNumber(cidr.BaseAddress);
        return IpMath.FromNumber(prefix | interfaceId, AddressFamily.InterNetworkV6);
    }
}
