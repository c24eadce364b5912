using Microsoft.AspNetCore.Http;

namespace Wyvern.Neutron.Auth;

/// <summary>
/// Development mode: any token is accepted (the CLI sends <c>notused</c>); the project is
/// <c>X-Project-Id</c> or the configured default; the caller is admin unless <c>X-Roles</c> says otherwise.
/// </summary>
internal sealed class NoAuthAuthenticator(NeutronOptions options) : IAuthenticator
{
    public ValueTask<RequestContext> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var project = request.Headers["X-Project-Id"].ToString();
        if (project.Length == 0)
        {
            project = options.DefaultProjectId;
        }
        var rolesHeader = request.Headers["X-Roles"].ToString();
        if (rolesHeader.Length == 0)
        {
            return ValueTask.FromResult(new RequestContext(project, IsAdmin: true, CanWrite: true));
        }
        var roles = rolesHeader.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return ValueTask.FromResult(RoleRules.ContextFor(project, roles));
    }
}
