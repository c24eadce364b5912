using System.Net;

namespace Wyvern.Model;

/// <summary>A route: destination prefix via next hop (subnet host_routes, router routes).</summary>
public sealed record HostRoute(IPNetwork Destination, IPAddress NextHop);
