using System.Globalization;
using System.Text.Json.Nodes;
using Wyvern.Model;
using Wyvern.Neutron.Auth;
using Wyvern.Neutron.Http;

namespace Wyvern.Neutron.Resources;

/// <summary>
/// The attributes every Neutron resource shares (standard-attr-description, -timestamp, -revisions,
/// project-id): rendered in one place and read from requests in one place.
/// </summary>
internal static class StandardAttributes
{
    /// <summary>Attributes any create may give.</summary>
    public static readonly string[] OnCreate = ["name", "description", "project_id", "tenant_id"];

    /// <summary>Attributes any update may give.</summary>
    public static readonly string[] OnUpdate = ["name", "description"];

    /// <summary>Read-only attributes clients may echo back (refused as read-only, not as unknown).</summary>
    public static readonly string[] ReadOnly = ["id", "created_at", "updated_at", "revision_number", "tags", "status"];

    /// <summary>Neutron's timestamp format: seconds, UTC, <c>Z</c>.</summary>
    public static string Timestamp(DateTimeOffset? at) =>
        (at ?? DateTimeOffset.UnixEpoch).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A JSON object starting with id, name, description, project/tenant, timestamps, revision and tags.</summary>
    public static JsonObject Render(NeutronObject value, bool withName = true)
    {
        var o = new JsonObject { ["id"] = value.Id };
        if (withName)
        {
            o["name"] = value.Name;
        }
        o["description"] = value.Description;
        o["project_id"] = value.ProjectId ?? "";
        o["tenant_id"] = value.ProjectId ?? "";
        o["created_at"] = Timestamp(value.CreatedAt);
        o["updated_at"] = Timestamp(value.UpdatedAt);
        o["revision_number"] = value.RevisionNumber;
        o["tags"] = new JsonArray([.. value.Tags.Select(t => (JsonNode)t)]);
        return o;
    }

    /// <summary>The project of a new object: the request's project_id/tenant_id (which must agree, and be the caller's unless admin) or the caller's.</summary>
    public static string ProjectOf(RequestContext context, Attributes attributes)
    {
        var project = attributes.Has("project_id") ? attributes.RequiredString("project_id") : null;
        var tenant = attributes.Has("tenant_id") ? attributes.RequiredString("tenant_id") : null;
        if (project is not null && tenant is not null && project != tenant)
        {
            throw NeutronErrors.BadRequest("'project_id' and 'tenant_id' do not match");
        }
        var requested = project ?? tenant;
        if (requested is null)
        {
            return context.ProjectId;
        }
        if (!context.Owns(requested))
        {
            throw NeutronErrors.BadRequest(
                "Specifying 'project_id' or 'tenant_id' other than the authenticated project in request requires admin privileges");
        }
        return requested;
    }

    /// <summary>Sets name and description on create or update, from the request when given.</summary>
    public static T ApplyNameAndDescription<T>(T value, Attributes attributes) where T : NeutronObject
    {
        if (attributes.Has("name"))
        {
            value = value with { Name = attributes.RequiredString("name") };
        }
        if (attributes.Has("description"))
        {
            value = value with { Description = attributes.RequiredString("description") };
        }
        return value;
    }

    /// <summary>The set of names for <see cref="Attributes"/>.</summary>
    public static HashSet<string> Set(params IEnumerable<string>[] groups) =>
        groups.SelectMany(g => g).ToHashSet(StringComparer.Ordinal);
}
