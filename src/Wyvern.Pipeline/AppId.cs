namespace Wyvern.Pipeline;

/// <summary>The app that owns a flow; carried in the flow's cookie (<see cref="FlowCookie"/>).</summary>
public enum AppId : byte
{
    Classifier = 1,
    PortSecurity = 2,
    L2 = 3,
    ArpResponder = 4,
    Dhcp = 5,
    L3 = 6,
    Tunneling = 7,
    ProviderNetwork = 8,
    Dnat = 9,
    Snat = 10,
    SecurityGroup = 11,
    Ipv6Nd = 12,
    Pipeline = 13,
    Neighbour = 14,
}
