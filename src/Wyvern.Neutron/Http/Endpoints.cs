using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Wyvern.Neutron.Auth;
using Wyvern.Neutron.Resources;
using Wyvern.Neutron.Resources.Routers;
using Wyvern.Northbound;

namespace Wyvern.Neutron.Http;

/// <summary>
/// The routes of every collection and what they share: authentication, the reader/member/admin
/// verbs check, one-at-a-time writes, list queries, and Neutron error bodies for every failure.
/// </summary>
internal sealed class Endpoints(IAuthenticator authenticator, WriteGate gate, ILogger? logger)
{
    /// <summary>GET, POST, PUT, DELETE of one collection.</summary>
    public void MapCollection(IEndpointRouteBuilder endpoints, IResourceHandler handler)
    {
        var path = "/v2.0/" + handler.Collection;
        endpoints.MapGet(path, (Func<HttpContext, Task<IResult>>)(http => RunAsync(http, false, async context =>
        {
            var items = await handler.ListAsync(context, http.RequestAborted);
            return NeutronApi.Json(200, ListQuery.From(http.Request).Apply(items, handler.CollectionKey, http.Request));
        })));
        endpoints.MapGet(path + "/{id}", (HttpContext http, string id) => RunAsync(http, false, async context =>
        {
            var item = await handler.ShowAsync(context, id, http.RequestAborted);
            return NeutronApi.Json(200, Member(handler, ListQuery.Project(item, ListQuery.From(http.Request).Fields)));
        }));
        endpoints.MapPost(path, (Func<HttpContext, Task<IResult>>)(http => RunAsync(http, true, async context =>
        {
            var attributes = await RequestBody.ReadResourceAsync(http.Request, handler.Member, http.RequestAborted);
            var created = await gate.RunAsync(() => handler.CreateAsync(context, attributes, http.RequestAborted), http.RequestAborted);
            return NeutronApi.Json(201, Member(handler, created));
        })));
        endpoints.MapPut(path + "/{id}", (HttpContext http, string id) => RunAsync(http, true, async context =>
        {
            var attributes = await RequestBody.ReadResourceAsync(http.Request, handler.Member, http.RequestAborted);
            var updated = await gate.RunAsync(() => handler.UpdateAsync(context, id, attributes, http.RequestAborted), http.RequestAborted);
            return NeutronApi.Json(200, Member(handler, updated));
        }));
        endpoints.MapDelete(path + "/{id}", (HttpContext http, string id) => RunAsync(http, true, async context =>
        {
            await gate.RunAsync(async () =>
            {
                await handler.DeleteAsync(context, id, http.RequestAborted);
                return true;
            }, http.RequestAborted);
            return Results.NoContent();
        }));
    }

    /// <summary><c>PUT /v2.0/routers/{id}/add_router_interface</c> and <c>remove_router_interface</c>.</summary>
    public void MapRouterInterfaces(IEndpointRouteBuilder endpoints, RoutersHandler routers)
    {
        endpoints.MapPut("/v2.0/routers/{id}/add_router_interface", (HttpContext http, string id) => RunAsync(http, true, async context =>
        {
            var body = await RequestBody.ReadObjectAsync(http.Request, http.RequestAborted);
            var result = await gate.RunAsync(() => routers.AddInterfaceAsync(context, id, body, http.RequestAborted), http.RequestAborted);
            return NeutronApi.Json(200, result);
        }));
        endpoints.MapPut("/v2.0/routers/{id}/remove_router_interface", (HttpContext http, string id) => RunAsync(http, true, async context =>
        {
            var body = await RequestBody.ReadObjectAsync(http.Request, http.RequestAborted);
            var result = await gate.RunAsync(() => routers.RemoveInterfaceAsync(context, id, body, http.RequestAborted), http.RequestAborted);
            return NeutronApi.Json(200, result);
        }));
    }

    /// <summary><c>GET /v2.0/extensions</c> and <c>/v2.0/extensions/{alias}</c>.</summary>
    public void MapExtensions(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v2.0/extensions", (Func<HttpContext, Task<IResult>>)(http => RunAsync(http, false, _ =>
            Task.FromResult(NeutronApi.Json(200, new JsonObject
            {
                ["extensions"] = new JsonArray([.. Extensions.All.Select(e => (JsonNode)Extensions.Render(e))]),
            })))));
        endpoints.MapGet("/v2.0/extensions/{alias}", (HttpContext http, string alias) => RunAsync(http, false, _ =>
        {
            var extension = Extensions.All.FirstOrDefault(e => e.Alias == alias);
            return extension.Alias is null
                ? throw NeutronErrors.NotFound("HTTPNotFound", $"Extension with alias {alias} does not exist")
                : Task.FromResult(NeutronApi.Json(200, new JsonObject { ["extension"] = Extensions.Render(extension) }));
        }));
    }

    private static JsonObject Member(IResourceHandler handler, JsonObject item) => new() { [handler.Member] = item };

    private async Task<IResult> RunAsync(HttpContext http, bool writes, Func<RequestContext, Task<IResult>> action)
    {
        try
        {
            var context = await authenticator.AuthenticateAsync(http.Request, http.RequestAborted);
            if (writes && !context.CanWrite)
            {
                throw NeutronErrors.Forbidden("rule:reader_cannot_write");
            }
            return await action(context);
        }
        catch (NeutronException e)
        {
            return Error(e.Status, e.Type, e.Message);
        }
        catch (NbUnavailableException e)
        {
            logger?.LogError(e, "NB store unavailable");
            return Error(503, "ServiceUnavailable", "The northbound store is unavailable.");
        }
        catch (BadHttpRequestException e)
        {
            return Error(400, "HTTPBadRequest", e.Message);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }
#pragma warning disable CA1031 // Neutron answers any other failure with a 500 NeutronError body; the cause is logged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger?.LogError(e, "{Method} {Path} failed", http.Request.Method, http.Request.Path);
            return Error(500, "HTTPInternalServerError", "Request Failed: internal server error while processing your request.");
        }
    }

    private static IResult Error(int status, string type, string message) => NeutronApi.Json(status, new JsonObject
    {
        ["NeutronError"] = new JsonObject { ["type"] = type, ["message"] = message, ["detail"] = "" },
    });
}
