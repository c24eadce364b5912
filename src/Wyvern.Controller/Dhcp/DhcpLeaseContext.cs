using System.Net;
using Wyvern.Model;

namespace Wyvern.Controller.Dhcp;

/// <summary>
/// What the responder needs to answer one port: the port, its IPv4 subnet
/// and network, and the server's own identity on that subnet.
/// </summary>
/// <param name="Port">The requesting port (its MAC must match the request).</param>
/// <param name="Address">The port's IPv4 fixed IP on <paramref name="Subnet"/>.</param>
/// <param name="Subnet">The IPv4 subnet the address belongs to.</param>
/// <param name="Network">The port's network (for the MTU).</param>
/// <param name="ServerIp">Option 54 and the reply's source address.</param>
/// <param name="ServerMac">The reply's source MAC.</param>
public sealed record DhcpLeaseContext(
    LogicalPort Port, IPAddress Address, Subnet Subnet, LogicalSwitch Network, IPAddress ServerIp, Wyvern.Packets.MacAddress ServerMac);
