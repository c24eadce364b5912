using System.Text.Json.Nodes;
using Wyvern.Model;
using Wyvern.Neutron.Auth;
using Wyvern.Neutron.Http;

namespace Wyvern.Neutron.Resources.SecurityGroups;

/// <summary><c>/v2.0/security-group-rules</c>: rules live inside their group's record; each write rewrites the group.</summary>
internal sealed class SecurityGroupRulesHandler(NeutronBackend backend) : IResourceHandler
{
    private static readonly HashSet<string> NoUpdate = [];

    public string Collection => "security-group-rules";

    public string CollectionKey => "security_group_rules";

    public string Member => "security_group_rule";

    public async Task<IReadOnlyList<JsonObject>> ListAsync(RequestContext context, CancellationToken cancellationToken)
    {
        var groups = await backend.Store.ListAsync<SecurityGroup>(context.IsAdmin ? null : context.ProjectId, cancellationToken);
        return [.. groups.Where(g => context.Owns(g.ProjectId)).SelectMany(g => g.Rules.Select(r => Render(g, r)))];
    }

    public async Task<JsonObject> ShowAsync(RequestContext context, string id, CancellationToken cancellationToken)
    {
        var (group, rule) = await FindAsync(context, id, cancellationToken);
        return Render(group, rule);
    }

    public async Task<JsonObject> CreateAsync(RequestContext context, JsonObject body, CancellationToken cancellationToken)
    {
        var attributes = new Attributes(body, SecurityGroupRuleValidator.Create, SecurityGroupRuleValidator.Known);
        if (!attributes.Has("security_group_id"))
        {
            throw NeutronErrors.BadRequest("Failed to parse request. Required attribute 'security_group_id' not specified");
        }
        var group = await backend.SecurityGroupAsync(context, attributes.RequiredString("security_group_id"), cancellationToken);
        var project = StandardAttributes.ProjectOf(context, attributes);
        var rule = SecurityGroupRuleValidator.Rule(attributes, NeutronBackend.NewId()) with { ProjectId = project, CreatedAt = backend.Now };
        if (rule.RemoteGroupId is { } remote && remote != group.Id)
        {
            await backend.SecurityGroupAsync(context, remote, cancellationToken);
        }
        if (group.Rules.FirstOrDefault(r => SecurityGroupRuleValidator.SameTraffic(r, rule)) is { } existing)
        {
            throw NeutronErrors.Conflict("SecurityGroupRuleExists", $"Security group rule already exists. Rule id is {existing.Id}.");
        }
        await backend.Store.UpdateAsync(group with
        {
            Rules = group.Rules.Add(rule),
            UpdatedAt = backend.Now,
            RevisionNumber = group.RevisionNumber + 1,
        }, cancellationToken);
        return Render(group, rule);
    }

    public Task<JsonObject> UpdateAsync(RequestContext context, string id, JsonObject body, CancellationToken cancellationToken)
    {
        _ = new Attributes(body, NoUpdate, SecurityGroupRuleValidator.Known);
        throw NeutronErrors.BadRequest("Security group rules cannot be updated");
    }

    public async Task DeleteAsync(RequestContext context, string id, CancellationToken cancellationToken)
    {
        var (group, _) = await FindAsync(context, id, cancellationToken);
        await backend.Store.UpdateAsync(group with
        {
            Rules = group.Rules.RemoveAll(r => r.Id == id),
            UpdatedAt = backend.Now,
            RevisionNumber = group.RevisionNumber + 1,
        }, cancellationToken);
    }

    private async Task<(SecurityGroup Group, SecurityGroupRule Rule)> FindAsync(RequestContext context, string id, CancellationToken cancellationToken)
    {
        var groups = await backend.Store.ListAsync<SecurityGroup>(context.IsAdmin ? null : context.ProjectId, cancellationToken);
        foreach (var group in groups.Where(g => context.Owns(g.ProjectId)))
        {
            if (group.Rules.FirstOrDefault(r => r.Id == id) is { } rule)
            {
                return (group, rule);
            }
        }
        throw NeutronErrors.SecurityGroupRuleNotFound(id);
    }

    /// <summary>A rule as Neutron renders it.</summary>
    public static JsonObject Render(SecurityGroup group, SecurityGroupRule rule) => new()
    {
        ["id"] = rule.Id,
        ["security_group_id"] = group.Id,
        ["direction"] = rule.Direction == RuleDirection.Ingress ? "ingress" : "egress",
        ["ethertype"] = rule.EtherType == EtherType.IPv4 ? "IPv4" : "IPv6",
        ["protocol"] = IpProtocols.Name(rule.Protocol),
        ["port_range_min"] = rule.PortRangeMin,
        ["port_range_max"] = rule.PortRangeMax,
        ["remote_ip_prefix"] = rule.RemoteIpPrefix?.ToString(),
        ["remote_group_id"] = rule.RemoteGroupId,
        ["remote_address_group_id"] = null,
        ["normalized_cidr"] = rule.RemoteIpPrefix?.ToString(),
        ["description"] = rule.Description,
        ["project_id"] = rule.ProjectId ?? group.ProjectId ?? "",
        ["tenant_id"] = rule.ProjectId ?? group.ProjectId ?? "",
        ["created_at"] = StandardAttributes.Timestamp(rule.CreatedAt),
        ["updated_at"] = StandardAttributes.Timestamp(rule.CreatedAt),
        ["revision_number"] = 0,
        ["tags"] = new JsonArray(),
    };
}
