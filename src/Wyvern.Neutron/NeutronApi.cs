using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wyvern.Neutron.Auth;
using Wyvern.Neutron.Http;
using Wyvern.Neutron.Resources;
using Wyvern.Neutron.Resources.FloatingIps;
using Wyvern.Neutron.Resources.Networks;
using Wyvern.Neutron.Resources.Ports;
using Wyvern.Neutron.Resources.Routers;
using Wyvern.Neutron.Resources.SecurityGroups;
using Wyvern.Neutron.Resources.Subnets;
using Wyvern.Northbound;

namespace Wyvern.Neutron;

/// <summary>
/// Hosting entry points of the Neutron API: <see cref="Build"/> makes a whole web application
/// (for <c>wyvern api</c>), <see cref="MapNeutron"/> adds the routes to an existing one (for <c>wyvern serve</c>).
/// </summary>
public static class NeutronApi
{
    /// <summary>A web application serving the Neutron API from <paramref name="store"/> (listening where <paramref name="builder"/> is configured, e.g. <c>--urls</c>).</summary>
    public static WebApplication Build(WebApplicationBuilder builder, INbStore store, NeutronOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRouting(); // idempotent; needed by an empty builder
        var app = builder.Build();
        app.MapNeutron(store, options);
        return app;
    }

    /// <summary>Maps <c>/</c>, <c>/v2.0</c> and every Neutron collection onto <paramref name="endpoints"/>.</summary>
    public static IEndpointRouteBuilder MapNeutron(
        this IEndpointRouteBuilder endpoints, INbStore store, NeutronOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        time ??= TimeProvider.System;
        var logger = endpoints.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger("Wyvern.Neutron");
        IAuthenticator authenticator = options.AuthMode == AuthMode.Keystone
            ? new KeystoneAuthenticator(new HttpClient { Timeout = TimeSpan.FromSeconds(10) }, options, time)
            : new NoAuthAuthenticator(options);
        if (options.CacheReads)
        {
            var cache = new NbReadCache(store);
            // Stop following the store before its owner disposes it.
            endpoints.ServiceProvider.GetService<IHostApplicationLifetime>()?.ApplicationStopping
                .Register(() => cache.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5)));
            store = cache;
        }
        var backend = new NeutronBackend(store, options, time, new Random());
        var routers = new RoutersHandler(backend);
        IResourceHandler[] handlers =
        [
            new NetworksHandler(backend),
            new SubnetsHandler(backend),
            new PortsHandler(backend),
            routers,
            new FloatingIpsHandler(backend),
            new SecurityGroupsHandler(backend),
            new SecurityGroupRulesHandler(backend),
        ];
        var api = new Endpoints(authenticator, new WriteGate(), logger);
        endpoints.MapMethods("/", ["GET"], http => Json(200, Versions(http.Request)).ExecuteAsync(http));
        endpoints.MapMethods("/v2.0", ["GET"], http => Json(200, Resources(http.Request, handlers)).ExecuteAsync(http));
        api.MapExtensions(endpoints);
        foreach (var handler in handlers)
        {
            api.MapCollection(endpoints, handler);
        }
        api.MapRouterInterfaces(endpoints, routers);
        return endpoints;
    }

    internal static IResult Json(int status, JsonNode body) =>
        Results.Text(body.ToJsonString(), "application/json", System.Text.Encoding.UTF8, status);

    private static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    private static JsonObject Versions(HttpRequest request) => new()
    {
        ["versions"] = new JsonArray(new JsonObject
        {
            ["id"] = "v2.0",
            ["status"] = "CURRENT",
            ["links"] = new JsonArray(new JsonObject { ["href"] = BaseUrl(request) + "/v2.0/", ["rel"] = "self" }),
        }),
    };

    private static JsonObject Resources(HttpRequest request, IEnumerable<IResourceHandler> handlers) => new()
    {
        ["resources"] = new JsonArray([.. handlers.Select(h => (JsonNode)new JsonObject
        {
            ["name"] = h.Member,
            ["collection"] = h.CollectionKey,
            ["links"] = new JsonArray(new JsonObject { ["href"] = $"{BaseUrl(request)}/v2.0/{h.Collection}", ["rel"] = "self" }),
        })]),
    };
}
