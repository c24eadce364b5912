namespace Wyvern.Neutron.Auth;

/// <summary>Keystone's default roles as Neutron's default policy reads them: admin ⊃ member ⊃ reader.</summary>
internal static class RoleRules
{
    /// <summary>The context of a caller in <paramref name="projectId"/> with <paramref name="roles"/>.</summary>
    public static RequestContext ContextFor(string projectId, IEnumerable<string> roles)
    {
        var set = roles.Select(r => r.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var admin = set.Contains("admin");
        var member = admin || set.Contains("member") || set.Contains("_member_");
        if (!member && !set.Contains("reader"))
        {
            throw NeutronErrors.Forbidden("rule:any_role");
        }
        return new RequestContext(projectId, admin, member);
    }
}
