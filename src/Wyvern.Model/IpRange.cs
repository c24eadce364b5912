using System.Net;

namespace Wyvern.Model;

/// <summary>An inclusive address range (a Neutron allocation pool).</summary>
public sealed record IpRange(IPAddress Start, IPAddress End);
