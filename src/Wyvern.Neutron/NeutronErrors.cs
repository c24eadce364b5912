namespace Wyvern.Neutron;

/// <summary>The Neutron errors the API raises, with Neutron's type names and statuses (neutron-lib exceptions).</summary>
internal static class NeutronErrors
{
    public static NeutronException BadRequest(string message) => new(400, "HTTPBadRequest", message);

    public static NeutronException InvalidAttribute(string attribute, string reason) =>
        BadRequest($"Invalid input for {attribute}. Reason: {reason}.");

    public static NeutronException InvalidInput(string message) =>
        new(400, "InvalidInput", $"Invalid input for operation: {message}.");

    public static NeutronException NotFound(string type, string message) => new(404, type, message);

    public static NeutronException Conflict(string type, string message) => new(409, type, message);

    public static NeutronException Unauthorized() =>
        new(401, "HTTPUnauthorized", "The request you have made requires authentication.");

    public static NeutronException Forbidden(string action) =>
        new(403, "PolicyNotAuthorized", $"({action}) is disallowed by policy.");

    public static NeutronException NetworkNotFound(string id) => NotFound("NetworkNotFound", $"Network {id} could not be found.");

    public static NeutronException SubnetNotFound(string id) => NotFound("SubnetNotFound", $"Subnet {id} could not be found.");

    public static NeutronException PortNotFound(string id) => NotFound("PortNotFound", $"Port {id} could not be found.");

    public static NeutronException RouterNotFound(string id) => NotFound("RouterNotFound", $"Router {id} could not be found.");

    public static NeutronException FloatingIpNotFound(string id) =>
        NotFound("FloatingIPNotFound", $"Floating IP {id} could not be found.");

    public static NeutronException SecurityGroupNotFound(string id) =>
        NotFound("SecurityGroupNotFound", $"Security group {id} does not exist.");

    public static NeutronException SecurityGroupRuleNotFound(string id) =>
        NotFound("SecurityGroupRuleNotFound", $"Security group rule {id} does not exist.");
}
