namespace Wyvern.Model;

/// <summary>Neutron ipv6_ra_mode / ipv6_address_mode.</summary>
public enum Ipv6Mode
{
    /// <summary>Stateless address autoconfiguration.</summary>
    Slaac,

    /// <summary>Addresses and options from DHCPv6.</summary>
    Dhcpv6Stateful,

    /// <summary>SLAAC addresses, options from DHCPv6.</summary>
    Dhcpv6Stateless,
}
