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
        endpoints.MapMethods(path, Get, Handle(false, async (http, context) =>
        {
            var items = await handler.ListAsync(context, http.RequestAborted);
            return Results.Bytes(ListQuery.From(http.Request).Write(items, handler.CollectionKey, http.Request), "application/json");
        }));
        endpoints.MapMethods(path + "/{id}", Get, Handle(false, async (http, context) =>
        {
            var id = Id(http);
            var item = await handler.ShowAsync(context, id, http.RequestAborted);
            return NeutronApi.Json(200, Member(handler, ListQuery.Project(item, ListQuery.From(http.Request).Fields)));
        }));
        endpoints.MapMethods(path, Post, Handle(true, async (http, context) =>
        {
            var attributes = await RequestBody.ReadResourceAsync(http.Request, handler.Member, http.RequestAborted);
            var created = await gate.RunAsync(() => handler.CreateAsync(context, attributes, http.RequestAborted), http.RequestAborted);
            return NeutronApi.Json(201, Member(handler, created));
        }));
        endpoints.MapMethods(path + "/{id}", Put, Handle(true, async (http, context) =>
        {
            var id = Id(http);
            var attributes = await RequestBody.ReadResourceAsync(http.Request, handler.Member, http.RequestAborted);
            var updated = await gate.RunAsync(() => handler.UpdateAsync(context, id, attributes, http.RequestAborted), http.RequestAborted);
            return NeutronApi.Json(200, Member(handler, updated));
        }));
        endpoints.MapMethods(path + "/{id}", Delete, Handle(true, async (http, context) =>
        {
            var id = Id(http);
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
        endpoints.MapMethods("/v2.0/routers/{id}/add_router_interface", Put, Handle(true, async (http, context) =>
        {
            var id = Id(http);
            var body = await RequestBody.ReadObjectAsync(http.Request, http.RequestAborted);
            var result = await gate.RunAsync(() => routers.AddInterfaceAsync(context, id, body, http.RequestAborted), http.RequestAborted);
            return NeutronApi.Json(200, result);
        }));
        endpoints.MapMethods("/v2.0/routers/{id}/remove_router_interface", Put, Handle(true, async (http, context) =>
        {
            var id = Id(http);
            var body = await RequestBody.ReadObjectAsync(http.Request, http.RequestAborted);
            var result = await gate.RunAsync(() => routers.RemoveInterfaceAsync(context, id, body, http.RequestAborted), http.RequestAborted);
            return NeutronApi.Json(200, result);
        }));
    }

    /// <summary><c>GET /v2.0/extensions</c> and <c>/v2.0/extensions/{alias}</c>.</summary>
    public void MapExtensions(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/v2.0/extensions", Get, Handle(false, (_, _) =>
            Task.FromResult(NeutronApi.Json(200, new JsonObject
            {
                ["extensions"] = new JsonArray([.. Extensions.All.Select(e => (JsonNode)Extensions.Render(e))]),
            }))));
        endpoints.MapMethods("/v2.0/extensions/{alias}", Get, Handle(false, (http, _) =>
        {
            var alias = Id(http, "alias");
            var extension = Extensions.All.FirstOrDefault(e => e.Alias == alias);
            return extension.Alias is null
                ? throw NeutronErrors.NotFound("HTTPNotFound", $"Extension with alias {alias} does not exist")
                : Task.FromResult(NeutronApi.Json(200, new JsonObject { ["extension"] = Extensions.Render(extension) }));
        }));
    }

    private static readonly string[] Get = ["GET"];
    private static readonly string[] Post = ["POST"];
    private static readonly string[] Put = ["PUT"];
    private static readonly string[] Delete = ["DELETE"];

    private static string Id(HttpContext http, string name = "id") => (string)http.Request.RouteValues[name]!;

    // Plain RequestDelegates: no RequestDelegateFactory code generation per endpoint, so a host starts in milliseconds.
    private RequestDelegate Handle(bool writes, Func<HttpContext, RequestContext, Task<IResult>> action)
    {
        async Task HandleAsync(HttpContext http)
        {
            var result = await RunAsync(http, writes, context => action(http, context));
            await result.ExecuteAsync(http);
        }
        return HandleAsync;
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
