using System.Text.Json.Nodes;

namespace Wyvern.Neutron.Http;

/// <summary>The API extensions this API implements, exactly: <c>GET /v2.0/extensions</c> lists these and no other.</summary>
internal static class Extensions
{
    /// <summary>(alias, name, description) of every implemented extension.</summary>
    public static readonly IReadOnlyList<(string Alias, string Name, string Description)> All =
    [
        ("router", "Neutron L3 Router", "Router abstraction for basic L3 forwarding between L2 Neutron networks and access to external networks via a NAT gateway."),
        ("external-net", "Neutron external network", "Adds external network attribute to network resource."),
        ("ext-gw-mode", "Neutron L3 Configurable external gateway mode", "Extension of the router abstraction for specifying whether SNAT should occur on the external gateway"),
        ("extraroute", "Neutron Extra Route", "Extra routes configuration for L3 router"),
        ("security-group", "security-group", "The security groups extension."),
        ("binding", "Port Binding", "Expose port bindings of a virtual port to external application"),
        ("port-security", "Port Security", "Provides port security"),
        ("allowed-address-pairs", "Allowed Address Pairs", "Provides allowed address pairs"),
        ("extra_dhcp_opt", "Neutron Extra DHCP options", "Extra options configuration for DHCP. For example PXE boot options to DHCP clients can be specified (e.g. tftp-server, server-ip-address, bootfile-name)"),
        ("provider", "Provider Network", "Expose mapping of virtual networks to physical networks"),
        ("net-mtu", "Network MTU", "Provides MTU attribute for a network resource."),
        ("standard-attr-description", "standard-attr-description", "Extension to add descriptions to standard attributes"),
        ("standard-attr-timestamp", "Resource timestamps", "Adds created_at and updated_at fields to all Neutron resources that have Neutron standard attributes."),
        ("standard-attr-revisions", "Resource revision numbers", "This extension will display the revision number of neutron resources."),
        ("project-id", "project_id field enabled", "Extension that indicates that project_id field is enabled."),
        ("pagination", "Pagination support", "Extension that indicates that pagination is enabled."),
        ("sorting", "Sorting support", "Extension that indicates that sorting is enabled."),
    ];

    /// <summary>One extension as Neutron renders it.</summary>
    public static JsonObject Render((string Alias, string Name, string Description) extension) => new()
    {
        ["alias"] = extension.Alias,
        ["name"] = extension.Name,
        ["description"] = extension.Description,
        ["updated"] = "2013-01-01T10:00:00-00:00",
        ["links"] = new JsonArray(),
    };
}
