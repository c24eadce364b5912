using System.Text.Json.Nodes;
using Wyvern.Model;
using Wyvern.Neutron.Auth;
using Wyvern.Neutron.Http;
using Wyvern.Neutron.Resources.Subnets;
using Wyvern.Northbound;

namespace Wyvern.Neutron.Resources.Routers;

/// <summary><c>/v2.0/routers</c>: routers with external gateway (ext-gw-mode), extra routes, and interfaces.</summary>
internal sealed partial class RoutersHandler(NeutronBackend backend) : IResourceHandler
{
    public string Collection => "routers";

    public string CollectionKey => "routers";

    public string Member => "router";

    public async Task<IReadOnlyList<JsonObject>> ListAsync(RequestContext context, CancellationToken cancellationToken)
    {
        var routers = await backend.Store.ListAsync<LogicalRouter>(context.IsAdmin ? null : context.ProjectId, cancellationToken);
        return [.. routers.Where(r => context.Owns(r.ProjectId)).Select(Render)];
    }

    public async Task<JsonObject> ShowAsync(RequestContext context, string id, CancellationToken cancellationToken) =>
        Render(await backend.RouterAsync(context, id, cancellationToken));

    public async Task<JsonObject> CreateAsync(RequestContext context, JsonObject body, CancellationToken cancellationToken)
    {
        var attributes = new Attributes(body, RouterValidator.Create, RouterValidator.Known);
        if (attributes.Has("availability_zone_hints") && attributes.List("availability_zone_hints").Count > 0)
        {
            throw NeutronErrors.InvalidInput("availability zones are not supported");
        }
        var now = backend.Now;
        var router = new LogicalRouter
        {
            Id = NeutronBackend.NewId(),
            ProjectId = StandardAttributes.ProjectOf(context, attributes),
            AdminStateUp = !attributes.Has("admin_state_up") || attributes.Bool("admin_state_up"),
            CreatedAt = now,
            UpdatedAt = now,
        };
        router = StandardAttributes.ApplyNameAndDescription(router, attributes);
        var transaction = new NbTransaction();
        if (attributes.Has("external_gateway_info"))
        {
            router = await SetGatewayAsync(context, transaction, router, RouterValidator.Gateway(attributes), cancellationToken);
        }
        router = router with { Key = await backend.Store.AllocateKeyAsync(KeySpaces.Router, cancellationToken) };
        transaction.Create(router);
        await backend.Store.CommitAsync(transaction, cancellationToken);
        return Render(router);
    }

    public async Task<JsonObject> UpdateAsync(RequestContext context, string id, JsonObject body, CancellationToken cancellationToken)
    {
        var router = await backend.RouterAsync(context, id, cancellationToken);
        var attributes = new Attributes(body, RouterValidator.Update, RouterValidator.Known);
        var updated = StandardAttributes.ApplyNameAndDescription(router, attributes);
        if (attributes.Has("admin_state_up"))
        {
            updated = updated with { AdminStateUp = attributes.Bool("admin_state_up") };
        }
        var transaction = new NbTransaction();
        if (attributes.Has("external_gateway_info"))
        {
            updated = await SetGatewayAsync(context, transaction, updated, RouterValidator.Gateway(attributes), cancellationToken);
        }
        if (attributes.Has("routes"))
        {
            updated = updated with { Routes = CheckRoutes(updated, SubnetValidator.HostRoutes(attributes, "routes", [])) };
        }
        if (updated == router)
        {
            return Render(router);
        }
        updated = updated with { UpdatedAt = backend.Now, RevisionNumber = router.RevisionNumber + 1 };
        transaction.Update(updated);
        await backend.Store.CommitAsync(transaction, cancellationToken);
        return Render(updated);
    }

    public async Task DeleteAsync(RequestContext context, string id, CancellationToken cancellationToken)
    {
        var router = await backend.RouterAsync(context, id, cancellationToken);
        if (router.Ports.Count > 0)
        {
            throw NeutronErrors.Conflict("RouterInUse", $"Router {id} still has ports");
        }
        var transaction = new NbTransaction();
        await SetGatewayAsync(context, transaction, router, null, cancellationToken);
        transaction.Delete<LogicalRouter>(id, router.Version);
        await backend.Store.CommitAsync(transaction, cancellationToken);
    }

    // Neutron's extraroute rule: every next hop is on a subnet the router is connected to.
    private static ValueList<HostRoute> CheckRoutes(LogicalRouter router, ValueList<HostRoute> routes)
    {
        foreach (var route in routes)
        {
            if (!router.Ports.Any(p => p.Network.Contains(route.NextHop)))
            {
                throw NeutronErrors.BadRequest(
                    $"Invalid format for routes: {route.Destination} via {route.NextHop}, the nexthop is not connected with router");
            }
        }
        return routes;
    }

    /// <summary>A router as Neutron renders it.</summary>
    public static JsonObject Render(LogicalRouter router)
    {
        var o = StandardAttributes.Render(router);
        o["status"] = "ACTIVE";
        o["admin_state_up"] = router.AdminStateUp;
        o["external_gateway_info"] = router.ExternalGateway is { } gateway
            ? new JsonObject
            {
                ["network_id"] = gateway.NetworkId,
                ["enable_snat"] = gateway.EnableSnat,
                ["external_fixed_ips"] = new JsonArray([.. gateway.ExternalFixedIps.Select(ip =>
                    (JsonNode)new JsonObject { ["subnet_id"] = ip.SubnetId, ["ip_address"] = ip.IpAddress.ToString() })]),
            }
            : null;
        o["routes"] = SubnetsHandler.RenderRoutes(router.Routes);
        o["availability_zone_hints"] = new JsonArray();
        o["availability_zones"] = new JsonArray();
        return o;
    }
}
