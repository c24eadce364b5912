using System.Text.Json.Nodes;
using Wyvern.Model;
using Wyvern.Neutron.Auth;
using Wyvern.Neutron.Http;

namespace Wyvern.Neutron.Resources.Networks;

/// <summary>The network attributes a request may give, and the checks that need no store.</summary>
internal static class NetworkValidator
{
    private static readonly string[] Provider = ["provider:network_type", "provider:physical_network", "provider:segmentation_id"];

    private static readonly HashSet<string> Create = StandardAttributes.Set(
        StandardAttributes.OnCreate, Provider,
        ["admin_state_up", "shared", "router:external", "mtu", "port_security_enabled", "availability_zone_hints"]);

    private static readonly HashSet<string> Update = StandardAttributes.Set(
        StandardAttributes.OnUpdate, ["admin_state_up", "shared", "router:external", "mtu", "port_security_enabled"]);

    private static readonly HashSet<string> Known = StandardAttributes.Set(
        Create, StandardAttributes.ReadOnly, ["subnets", "availability_zones", "ipv4_address_scope", "ipv6_address_scope", "l2_adjacency"]);

    /// <summary>The attributes of a create, refusing admin-only ones to members.</summary>
    public static Attributes ForCreate(RequestContext context, JsonObject body)
    {
        var attributes = new Attributes(body, Create, Known);
        RequireAdmin(context, attributes, "create_network");
        if (attributes.Has("availability_zone_hints") && attributes.List("availability_zone_hints").Count > 0)
        {
            throw NeutronErrors.InvalidInput("availability zones are not supported");
        }
        return attributes;
    }

    /// <summary>The attributes of an update, refusing admin-only ones to members.</summary>
    public static Attributes ForUpdate(RequestContext context, JsonObject body)
    {
        if (Provider.Any(body.ContainsKey))
        {
            throw NeutronErrors.InvalidInput("plugin does not support updating provider attributes");
        }
        var attributes = new Attributes(body, Update, Known);
        RequireAdmin(context, attributes, "update_network");
        return attributes;
    }

    /// <summary>Checks an MTU against what the network type can carry.</summary>
    public static int CheckMtu(int mtu, NetworkType type, int physicalMtu)
    {
        var max = NetworkProvider.MaxMtu(type, physicalMtu);
        if (mtu < 68)
        {
            throw NeutronErrors.InvalidAttribute("mtu", $"'{mtu}' is too small - must be at least '68'");
        }
        return mtu <= max ? mtu : throw NeutronErrors.InvalidInput($"Requested MTU is too big, maximum is {max}");
    }

    private static void RequireAdmin(RequestContext context, Attributes attributes, string action)
    {
        foreach (var name in Provider.Append("shared").Append("router:external"))
        {
            if (attributes.Has(name))
            {
                context.RequireAdminFor(action, name);
            }
        }
    }
}
