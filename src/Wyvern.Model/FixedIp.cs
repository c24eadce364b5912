using System.Net;

namespace Wyvern.Model;

/// <summary>One fixed IP of a port: the subnet it comes from and the address.</summary>
public sealed record FixedIp(string SubnetId, IPAddress IpAddress);
