namespace Wyvern.Neutron.Auth;

/// <summary>Who is asking: the project and what its roles allow (Neutron's admin / member / reader).</summary>
/// <param name="ProjectId">The caller's project.</param>
/// <param name="IsAdmin">Sees and changes everything, may set admin-only attributes.</param>
/// <param name="CanWrite">Member or admin; a reader only reads.</param>
public sealed record RequestContext(string ProjectId, bool IsAdmin, bool CanWrite)
{
    /// <summary>True when the caller may see or change an object of <paramref name="projectId"/>.</summary>
    public bool Owns(string? projectId) => IsAdmin || string.Equals(projectId, ProjectId, StringComparison.Ordinal);

    /// <summary>Refuses an admin-only attribute to a non-admin (403, as Neutron's policy does).</summary>
    public void RequireAdminFor(string action, string attribute)
    {
        if (!IsAdmin)
        {
            throw NeutronErrors.Forbidden($"rule:{action}:{attribute}");
        }
    }
}
