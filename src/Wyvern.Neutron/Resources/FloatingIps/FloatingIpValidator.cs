using Wyvern.Neutron.Http;

namespace Wyvern.Neutron.Resources.FloatingIps;

/// <summary>The floating IP attributes a request may give.</summary>
internal static class FloatingIpValidator
{
    public static readonly HashSet<string> Create = StandardAttributes.Set(
        ["description", "project_id", "tenant_id", "floating_network_id", "floating_ip_address", "subnet_id", "port_id", "fixed_ip_address"]);

    public static readonly HashSet<string> Update = StandardAttributes.Set(["description", "port_id", "fixed_ip_address"]);

    public static readonly HashSet<string> Known = StandardAttributes.Set(Create, StandardAttributes.ReadOnly, ["router_id"]);

    /// <summary>port_id and fixed_ip_address of an association (port null: disassociate).</summary>
    public static (string? PortId, System.Net.IPAddress? FixedIp) Association(Attributes attributes) =>
        (attributes.Has("port_id") ? attributes.String("port_id", nullable: true) : null,
         attributes.Has("fixed_ip_address") ? attributes.Ip("fixed_ip_address", nullable: true) : null);
}
