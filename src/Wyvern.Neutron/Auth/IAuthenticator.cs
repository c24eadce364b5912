using Microsoft.AspNetCore.Http;

namespace Wyvern.Neutron.Auth;

/// <summary>Turns a request's credentials into a <see cref="RequestContext"/>, or throws a 401 <see cref="NeutronException"/>.</summary>
internal interface IAuthenticator
{
    /// <summary>The caller of <paramref name="request"/>.</summary>
    ValueTask<RequestContext> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken);
}
