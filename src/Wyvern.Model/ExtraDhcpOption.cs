namespace Wyvern.Model;

/// <summary>A Neutron extra_dhcp_opt: option name (or number) and value, for IPv4 or IPv6.</summary>
public sealed record ExtraDhcpOption(string OptName, string OptValue, IpVersion IpVersion = IpVersion.V4);
