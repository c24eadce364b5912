namespace Wyvern.Model;

/// <summary>IP version of a subnet, rule or DHCP option (Neutron's 4 and 6).</summary>
public enum IpVersion
{
    /// <summary>IPv4.</summary>
    V4 = 4,

    /// <summary>IPv6.</summary>
    V6 = 6,
}
