namespace Wyvern.Controller.Dhcp;

/// <summary>Chassis-wide DHCP settings (the per-subnet ones come from the model).</summary>
public sealed record DhcpSettings
{
    /// <summary>Lease time handed out (Neutron's default dhcp_lease_duration is 86400 s).</summary>
    public TimeSpan LeaseTime { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Option 15, the DNS domain; empty for none (Neutron's dns_domain default "openstacklocal").</summary>
    public string DomainName { get; init; } = "openstacklocal";
}
