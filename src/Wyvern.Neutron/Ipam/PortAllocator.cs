using System.Net.Sockets;
using Wyvern.Model;

namespace Wyvern.Neutron.Ipam;

/// <summary>
/// Chooses a port's fixed IPs as Neutron does: requested addresses if free and inside a subnet of
/// the network; requested subnets get their next free pool address; with no request, one address of
/// the first IPv4 subnet that has room and one of every IPv6 subnet (EUI-64 for SLAAC).
/// </summary>
internal sealed class PortAllocator
{
    private readonly IReadOnlyList<Subnet> _subnets;
    private readonly Dictionary<string, HashSet<UInt128>> _used = new(StringComparer.Ordinal);

    /// <param name="subnets">The subnets of the port's network.</param>
    /// <param name="ports">Every port, for the addresses already taken.</param>
    /// <param name="exceptPortId">A port whose own addresses count as free (the port being updated).</param>
    public PortAllocator(IReadOnlyList<Subnet> subnets, IEnumerable<LogicalPort> ports, string? exceptPortId)
    {
        _subnets = subnets;
        foreach (var subnet in subnets)
        {
            _used[subnet.Id] = [];
        }
        foreach (var port in ports)
        {
            if (port.Id == exceptPortId)
            {
                continue;
            }
            foreach (var ip in port.FixedIps)
            {
                if (_used.TryGetValue(ip.SubnetId, out var used))
                {
                    used.Add(IpMath.ToNumber(ip.IpAddress));
                }
            }
        }
    }

    /// <summary>The addresses for <paramref name="requested"/> (null: the default allocation).</summary>
    public ValueList<FixedIp> Allocate(string networkId, IReadOnlyList<FixedIpRequest>? requested, MacAddress mac)
    {
        var result = new List<FixedIp>();
        if (requested is null)
        {
            var v4 = _subnets.Where(s => s.IpVersion == IpVersion.V4).ToList();
            if (v4.Count > 0)
            {
                var chosen = v4.Select(s => (Subnet: s, Ip: SubnetIpam.NextFree(s, _used[s.Id]))).FirstOrDefault(c => c.Ip is not null);
                if (chosen.Ip is null)
                {
                    throw NeutronErrors.Conflict("IpAddressGenerationFailure", $"No more IP addresses available on network {networkId}.");
                }
                Take(result, chosen.Subnet, chosen.Ip);
            }
            foreach (var subnet in _subnets.Where(s => s.IpVersion == IpVersion.V6))
            {
                Take(result, subnet, NextAddress(subnet, mac));
            }
            return new ValueList<FixedIp>(result);
        }
        foreach (var entry in requested)
        {
            var subnet = entry.SubnetId is not null
                ? _subnets.FirstOrDefault(s => s.Id == entry.SubnetId)
                    ?? throw NeutronErrors.InvalidInput(
                        $"Failed to create port on network {networkId}, because fixed_ips included invalid subnet {entry.SubnetId}")
                : _subnets.FirstOrDefault(s => s.Cidr.Contains(entry.IpAddress!))
                    ?? throw NeutronErrors.BadRequest($"IP address {entry.IpAddress} is not a valid IP for any of the subnets on the specified network.");
            if (entry.IpAddress is null)
            {
                Take(result, subnet, NextAddress(subnet, mac));
                continue;
            }
            if (!SubnetIpam.IsHostAddress(subnet, entry.IpAddress))
            {
                throw NeutronErrors.BadRequest($"IP address {entry.IpAddress} is not a valid IP for the specified subnet.");
            }
            Take(result, subnet, entry.IpAddress);
        }
        return new ValueList<FixedIp>(result);
    }

    private System.Net.IPAddress NextAddress(Subnet subnet, MacAddress mac)
    {
        if (subnet.Ipv6AddressMode is Ipv6Mode.Slaac or Ipv6Mode.Dhcpv6Stateless && subnet.Cidr.PrefixLength == 64)
        {
            return SubnetIpam.Eui64(subnet.Cidr, mac);
        }
        return SubnetIpam.NextFree(subnet, _used[subnet.Id])
            ?? throw NeutronErrors.Conflict("IpAddressGenerationFailure", $"No more IP addresses available for subnet {subnet.Id}.");
    }

    private void Take(List<FixedIp> result, Subnet subnet, System.Net.IPAddress address)
    {
        if (!_used[subnet.Id].Add(IpMath.ToNumber(address)))
        {
            throw NeutronErrors.Conflict("IpAddressAlreadyAllocated",
                $"IP address {address} already allocated in subnet {subnet.Id}");
        }
        result.Add(new FixedIp(subnet.Id, address.AddressFamily == AddressFamily.InterNetworkV6 ? address : address.MapToIPv4()));
    }
}
