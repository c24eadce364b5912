using System.Text.Json.Nodes;
using Wyvern.Model;
using Wyvern.Neutron.Auth;
using Wyvern.Neutron.Http;
using Wyvern.Northbound;

namespace Wyvern.Neutron.Resources.SecurityGroups;

/// <summary><c>/v2.0/security-groups</c>: groups with their rules; a project's <c>default</c> group appears on first use.</summary>
internal sealed class SecurityGroupsHandler(NeutronBackend backend) : IResourceHandler
{
    private static readonly HashSet<string> Create = StandardAttributes.Set(StandardAttributes.OnCreate, ["stateful"]);
    private static readonly HashSet<string> Update = StandardAttributes.Set(StandardAttributes.OnUpdate, ["stateful"]);
    private static readonly HashSet<string> Known = StandardAttributes.Set(Create, StandardAttributes.ReadOnly, ["security_group_rules", "shared"]);

    public string Collection => "security-groups";

    public string CollectionKey => "security_groups";

    public string Member => "security_group";

    public async Task<IReadOnlyList<JsonObject>> ListAsync(RequestContext context, CancellationToken cancellationToken)
    {
        if (context.CanWrite)
        {
            await backend.EnsureDefaultSecurityGroupAsync(context.ProjectId, cancellationToken);
        }
        var groups = await backend.Store.ListAsync<SecurityGroup>(context.IsAdmin ? null : context.ProjectId, cancellationToken);
        return [.. groups.Where(g => context.Owns(g.ProjectId)).Select(Render)];
    }

    public async Task<JsonObject> ShowAsync(RequestContext context, string id, CancellationToken cancellationToken) =>
        Render(await backend.SecurityGroupAsync(context, id, cancellationToken));

    public async Task<JsonObject> CreateAsync(RequestContext context, JsonObject body, CancellationToken cancellationToken)
    {
        var attributes = new Attributes(body, Create, Known);
        var project = StandardAttributes.ProjectOf(context, attributes);
        var name = attributes.Has("name") ? attributes.RequiredString("name") : "";
        await backend.EnsureDefaultSecurityGroupAsync(project, cancellationToken);
        if (name == "default")
        {
            throw NeutronErrors.Conflict("SecurityGroupDefaultAlreadyExists", "Default security group already exists.");
        }
        var id = NeutronBackend.NewId();
        var now = backend.Now;
        // Neutron gives a new group egress-anything rules for both IP versions.
        SecurityGroupRule Egress(EtherType etherType) => new()
        {
            Id = NeutronBackend.NewId(),
            Direction = RuleDirection.Egress,
            EtherType = etherType,
            ProjectId = project,
            CreatedAt = now,
        };
        var group = new SecurityGroup
        {
            Id = id,
            ProjectId = project,
            Stateful = !attributes.Has("stateful") || attributes.Bool("stateful"),
            Rules = [Egress(EtherType.IPv4), Egress(EtherType.IPv6)],
            CreatedAt = now,
            UpdatedAt = now,
        };
        group = StandardAttributes.ApplyNameAndDescription(group, attributes);
        group = group with { Key = await backend.Store.AllocateKeyAsync(KeySpaces.SecurityGroup, cancellationToken) };
        return Render(await backend.Store.CreateAsync(group, cancellationToken: cancellationToken));
    }

    public async Task<JsonObject> UpdateAsync(RequestContext context, string id, JsonObject body, CancellationToken cancellationToken)
    {
        var group = await backend.SecurityGroupAsync(context, id, cancellationToken);
        var attributes = new Attributes(body, Update, Known);
        if (group.Name == "default" && attributes.Has("name") && attributes.RequiredString("name") != "default")
        {
            throw NeutronErrors.Conflict("SecurityGroupCannotUpdateDefault", "Updating default security group not allowed.");
        }
        var updated = StandardAttributes.ApplyNameAndDescription(group, attributes);
        if (attributes.Has("stateful"))
        {
            var stateful = attributes.Bool("stateful");
            if (stateful != group.Stateful && await InUseAsync(id, cancellationToken))
            {
                throw NeutronErrors.Conflict("SecurityGroupInUse", $"Security Group {id} in use.");
            }
            updated = updated with { Stateful = stateful };
        }
        if (updated == group)
        {
            return Render(group);
        }
        updated = updated with { UpdatedAt = backend.Now, RevisionNumber = group.RevisionNumber + 1 };
        return Render(await backend.Store.UpdateAsync(updated, cancellationToken));
    }

    public async Task DeleteAsync(RequestContext context, string id, CancellationToken cancellationToken)
    {
        var group = await backend.SecurityGroupAsync(context, id, cancellationToken);
        if (group.Name == "default" && !context.IsAdmin)
        {
            throw NeutronErrors.Conflict("SecurityGroupCannotRemoveDefault", "Removing default security group not allowed.");
        }
        if (await InUseAsync(id, cancellationToken))
        {
            throw NeutronErrors.Conflict("SecurityGroupInUse", $"Security Group {id} in use.");
        }
        // Rules of other groups that allow this group's members go with it, as in Neutron.
        var transaction = new NbTransaction().Delete<SecurityGroup>(id, group.Version);
        foreach (var other in await backend.Store.ListAsync<SecurityGroup>(cancellationToken: cancellationToken))
        {
            if (other.Id != id && other.Rules.Any(r => r.RemoteGroupId == id))
            {
                transaction.Update(other with
                {
                    Rules = other.Rules.RemoveAll(r => r.RemoteGroupId == id),
                    UpdatedAt = backend.Now,
                    RevisionNumber = other.RevisionNumber + 1,
                });
            }
        }
        await backend.Store.CommitAsync(transaction, cancellationToken);
    }

    private async Task<bool> InUseAsync(string id, CancellationToken cancellationToken) =>
        (await backend.Store.ListAsync<LogicalPort>(cancellationToken: cancellationToken)).Any(p => p.SecurityGroupIds.Contains(id));

    private static JsonObject Render(SecurityGroup group)
    {
        var o = StandardAttributes.Render(group);
        o["stateful"] = group.Stateful;
        o["security_group_rules"] = new JsonArray([.. group.Rules.Select(r => (JsonNode)SecurityGroupRulesHandler.Render(group, r))]);
        return o;
    }
}
