namespace Wyvern.Packets.Dhcp;

/// <summary>DHCP option codes (RFC 2132, RFC 3442) that Wyvern reads or writes.</summary>
public enum DhcpOptionCode : byte
{
    Pad = 0,
    SubnetMask = 1,
    Router = 3,
    DomainNameServer = 6,
    HostName = 12,
    DomainName = 15,
    InterfaceMtu = 26,
    BroadcastAddress = 28,
    RequestedIpAddress = 50,
    IpAddressLeaseTime = 51,
    MessageType = 53,
    ServerIdentifier = 54,
    ParameterRequestList = 55,
    Message = 56,
    RenewalTime = 58,
    RebindingTime = 59,
    ClientIdentifier = 61,
    ClasslessStaticRoute = 121,
    End = 255,
}
