using System.Net;
using Wyvern.Model;

namespace Wyvern.Controller.Gateways;

/// <summary>An external subnet's gateway this chassis resolves, and how it asks for it.</summary>
/// <param name="SubnetId">The external subnet (the <see cref="Neighbour"/>'s id).</param>
/// <param name="Network">The external network.</param>
/// <param name="GatewayIp">The subnet's gateway_ip: the address resolved.</param>
/// <param name="RouterId">The router whose gateway port asks.</param>
/// <param name="RouterMac">The gateway port's MAC (ARP sender, and the reply's destination).</param>
/// <param name="RouterIp">The router's external fixed IP in the subnet (ARP sender IP).</param>
/// <param name="Patch">The ofport of the patch port to the provider bridge.</param>
public sealed record NextHopTarget(
    string SubnetId, LogicalSwitch Network, IPAddress GatewayIp, string RouterId, MacAddress RouterMac, IPAddress RouterIp, int Patch);
