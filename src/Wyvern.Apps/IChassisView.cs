using Wyvern.Model;

namespace Wyvern.Apps;

/// <summary>
/// What an app may read: the logical model (indexed) and this chassis's local
/// state. Read-only; the engine keeps it current. Apps see nothing else.
/// </summary>
public interface IChassisView
{
    /// <summary>This chassis's name.</summary>
    string ChassisName { get; }

    LogicalSwitch? Network(string id);

    LogicalPort? Port(string id);

    Subnet? Subnet(string id);

    LogicalRouter? Router(string id);

    Chassis? Chassis(string name);

    /// <summary>The security group <paramref name="id"/>, or null.</summary>
    SecurityGroup? SecurityGroup(string id);

    /// <summary>Ports (any binding) that list security group <paramref name="groupId"/>, in id order.</summary>
    IEnumerable<LogicalPort> PortsOfSecurityGroup(string groupId);

    /// <summary>Security groups with a rule whose remote group is <paramref name="groupId"/>, in id order.</summary>
    IEnumerable<SecurityGroup> SecurityGroupsReferencing(string groupId);

    /// <summary>Ports of a network (any binding), in id order.</summary>
    IEnumerable<LogicalPort> PortsOfNetwork(string networkId);

    /// <summary>Subnets of a network, in id order.</summary>
    IEnumerable<Subnet> SubnetsOfNetwork(string networkId);

    /// <summary>Routers with an interface on a network, in id order.</summary>
    IEnumerable<LogicalRouter> RoutersOfNetwork(string networkId);

    FloatingIp? FloatingIp(string id);

    /// <summary>Floating IPs associated with a port, in id order.</summary>
    IEnumerable<FloatingIp> FloatingIpsOfPort(string portId);

    /// <summary>Floating IPs associated through a router, in id order.</summary>
    IEnumerable<FloatingIp> FloatingIpsOfRouter(string routerId);

    /// <summary>Floating IPs allocated from an external network, in id order.</summary>
    IEnumerable<FloatingIp> FloatingIpsOfNetwork(string networkId);

    /// <summary>Routers whose external gateway is on a network, in id order.</summary>
    IEnumerable<LogicalRouter> RoutersWithGatewayOn(string networkId);

    /// <summary>The resolved next hop of an external subnet (by subnet id), or null until a controller has resolved it.</summary>
    Neighbour? Neighbour(string subnetId);

    /// <summary>The ofport of a port plugged into this chassis's br-int, or null when it is not plugged here.</summary>
    int? LocalOfPort(string portId);

    /// <summary>The ofport of this chassis's virtual tunnel port of <paramref name="type"/>, or null when it has none.</summary>
    int? TunnelOfPort(TunnelType type);

    /// <summary>The ofport of the patch port to the provider bridge of <paramref name="physnet"/>, or null when this chassis has none.</summary>
    int? ProviderOfPort(string physnet);
}
