namespace Wyvern.Neutron;

/// <summary>How the API authenticates requests.</summary>
public enum AuthMode
{
    /// <summary>Development: no token check; the project comes from <c>X-Project-Id</c> or the default, and the caller is admin.</summary>
    NoAuth,

    /// <summary><c>X-Auth-Token</c> validated against a Keystone v3 endpoint (cached); roles admin, member, reader.</summary>
    Keystone,
}
