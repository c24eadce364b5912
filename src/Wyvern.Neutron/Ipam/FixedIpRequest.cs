using System.Net;

namespace Wyvern.Neutron.Ipam;

/// <summary>One entry of a request's fixed_ips: a subnet, an address, or both.</summary>
internal sealed record FixedIpRequest(string? SubnetId, IPAddress? IpAddress);
