using Wyvern.Neutron.Ipam;

namespace Wyvern.Neutron.Resources.Routers;

/// <summary>A parsed external_gateway_info.</summary>
/// <param name="NetworkId">The external network.</param>
/// <param name="EnableSnat">enable_snat (true when not given).</param>
/// <param name="SnatGiven">Whether the request gave enable_snat.</param>
/// <param name="FixedIps">external_fixed_ips, or null for the default allocation.</param>
internal sealed record GatewayRequest(string NetworkId, bool EnableSnat, bool SnatGiven, IReadOnlyList<FixedIpRequest>? FixedIps);
