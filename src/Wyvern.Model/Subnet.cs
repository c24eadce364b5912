using System.Net;
using System.Net.Sockets;
using System.Text.Json.Serialization;

namespace Wyvern.Model;

/// <summary>A Neutron subnet of a <see cref="LogicalSwitch"/>.</summary>
public sealed record Subnet : NeutronObject
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override string Table => NbTables.Subnets;

    /// <summary>The network (<see cref="LogicalSwitch"/> id).</summary>
    public required string NetworkId { get; init; }

    /// <summary>The subnet prefix.</summary>
    public required IPNetwork Cidr { get; init; }

    /// <summary>4 or 6, from the CIDR.</summary>
    [JsonIgnore]
    public IpVersion IpVersion => Cidr.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6 ? IpVersion.V6 : IpVersion.V4;

    /// <summary>gateway_ip; null when the subnet has no gateway.</summary>
    public IPAddress? GatewayIp { get; init; }

    /// <summary>allocation_pools.</summary>
    public ValueList<IpRange> AllocationPools { get; init; }

    /// <summary>enable_dhcp.</summary>
    public bool EnableDhcp { get; init; } = true;

    /// <summary>dns_nameservers, in order.</summary>
    public ValueList<IPAddress> DnsNameservers { get; init; }

    /// <summary>host_routes, pushed by DHCP (option 121).</summary>
    public ValueList<HostRoute> HostRoutes { get; init; }

    /// <summary>ipv6_ra_mode (IPv6 only).</summary>
    public Ipv6Mode? Ipv6RaMode { get; init; }

    /// <summary>ipv6_address_mode (IPv6 only).</summary>
    public Ipv6Mode? Ipv6AddressMode { get; init; }
}
