using System.Net;

namespace Wyvern.Model;

/// <summary>
/// An allowed address pair: traffic from this prefix (a single IP is a /32 or /128) and,
/// when given, this MAC passes port security; null MAC means the port's own MAC.
/// </summary>
public sealed record AllowedAddressPair(IPNetwork IpPrefix, MacAddress? MacAddress = null);
