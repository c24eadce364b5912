using System.Text.Json.Nodes;
using Wyvern.Neutron.Auth;

namespace Wyvern.Neutron.Resources;

/// <summary>
/// One Neutron collection: validates request attributes, reads and writes the NB store, renders
/// objects as Neutron JSON. Routing, auth, list queries and error bodies are common (<see cref="NeutronApi"/>).
/// </summary>
internal interface IResourceHandler
{
    /// <summary>The URL collection name (<c>security-groups</c>).</summary>
    string Collection { get; }

    /// <summary>The JSON key of a list (<c>security_groups</c>).</summary>
    string CollectionKey { get; }

    /// <summary>The JSON key of one object (<c>security_group</c>).</summary>
    string Member { get; }

    /// <summary>Every object the caller may see, rendered.</summary>
    Task<IReadOnlyList<JsonObject>> ListAsync(RequestContext context, CancellationToken cancellationToken);

    /// <summary>One object, or a 404 when missing or not visible.</summary>
    Task<JsonObject> ShowAsync(RequestContext context, string id, CancellationToken cancellationToken);

    /// <summary>Creates an object from the request attributes (one store transaction).</summary>
    Task<JsonObject> CreateAsync(RequestContext context, JsonObject attributes, CancellationToken cancellationToken);

    /// <summary>Updates an object (one store transaction).</summary>
    Task<JsonObject> UpdateAsync(RequestContext context, string id, JsonObject attributes, CancellationToken cancellationToken);

    /// <summary>Deletes an object and what it owns (one store transaction).</summary>
    Task DeleteAsync(RequestContext context, string id, CancellationToken cancellationToken);
}
