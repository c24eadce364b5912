using System.Text.Json.Nodes;
using Wyvern.Neutron.Http;
using Wyvern.Neutron.Ipam;

namespace Wyvern.Neutron.Resources.Routers;

/// <summary>The router attributes a request may give and the shape of external_gateway_info and interface requests.</summary>
internal static class RouterValidator
{
    public static readonly HashSet<string> Create = StandardAttributes.Set(StandardAttributes.OnCreate,
        ["admin_state_up", "external_gateway_info", "availability_zone_hints"]);

    public static readonly HashSet<string> Update = StandardAttributes.Set(StandardAttributes.OnUpdate,
        ["admin_state_up", "external_gateway_info", "routes"]);

    public static readonly HashSet<string> Known = StandardAttributes.Set(Create, Update, StandardAttributes.ReadOnly, ["availability_zones"]);

    /// <summary>external_gateway_info: null or {} clears the gateway.</summary>
    public static GatewayRequest? Gateway(Attributes attributes)
    {
        var info = attributes.Object("external_gateway_info", nullable: true);
        if (info is null || info.Count == 0)
        {
            return null;
        }
        if (info.Any(kv => kv.Key is not ("network_id" or "enable_snat" or "external_fixed_ips")))
        {
            throw NeutronErrors.InvalidAttribute("external_gateway_info", $"'{info.ToJsonString()}' has unknown keys");
        }
        var inner = new Attributes(info, GatewayKeys, GatewayKeys);
        if (!inner.Has("network_id"))
        {
            throw NeutronErrors.InvalidAttribute("external_gateway_info", "network_id is required");
        }
        IReadOnlyList<FixedIpRequest>? fixedIps = null;
        if (inner.Has("external_fixed_ips"))
        {
            fixedIps = Ports.PortValidator.FixedIps(new Attributes(
                new JsonObject { ["fixed_ips"] = inner.Node("external_fixed_ips")?.DeepClone() }, FixedIpsKey, FixedIpsKey));
        }
        return new GatewayRequest(
            inner.RequiredString("network_id"),
            !inner.Has("enable_snat") || inner.Bool("enable_snat"),
            inner.Has("enable_snat"),
            fixedIps);
    }

    /// <summary>The body of add/remove_router_interface: exactly one of subnet_id and port_id.</summary>
    public static (string? SubnetId, string? PortId) Interface(JsonObject body)
    {
        var attributes = new Attributes(body, InterfaceKeys, InterfaceKeys);
        var subnet = attributes.Has("subnet_id") ? attributes.RequiredString("subnet_id") : null;
        var port = attributes.Has("port_id") ? attributes.RequiredString("port_id") : null;
        if ((subnet is null) == (port is null))
        {
            throw NeutronErrors.BadRequest("Bad router request: Either subnet_id or port_id must be specified, and not both");
        }
        return (subnet, port);
    }

    private static readonly HashSet<string> GatewayKeys = ["network_id", "enable_snat", "external_fixed_ips"];
    private static readonly HashSet<string> FixedIpsKey = ["fixed_ips"];
    private static readonly HashSet<string> InterfaceKeys = ["subnet_id", "port_id"];
}
