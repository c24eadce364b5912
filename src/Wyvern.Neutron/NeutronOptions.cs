using Wyvern.Model;

namespace Wyvern.Neutron;

/// <summary>Configuration of the Neutron API.</summary>
public sealed record NeutronOptions
{
    /// <summary>Authentication mode; <see cref="AuthMode.NoAuth"/> by default.</summary>
    public AuthMode AuthMode { get; init; } = AuthMode.NoAuth;

    /// <summary>The Keystone v3 base URL (e.g. <c>http://keystone:5000</c>), for <see cref="AuthMode.Keystone"/>.</summary>
    public Uri? KeystoneUrl { get; init; }

    /// <summary>How long a validated token is trusted before Keystone is asked again (never past its expiry).</summary>
    public TimeSpan TokenCacheTtl { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The project of noauth requests without an <c>X-Project-Id</c> header.</summary>
    public string DefaultProjectId { get; init; } = "admin";

    /// <summary>
    /// The base of generated MAC addresses (Neutron's <c>base_mac</c>): octets given as 00 are random,
    /// the last three always are.
    /// </summary>
    public MacAddress BaseMac { get; init; } = MacAddress.Parse("fa:16:3e:00:00:00");

    /// <summary>
    /// Serve reads from an <see cref="NbReadCache"/> that follows the store's watch (true by default):
    /// port create and list cost a scan in memory instead of decoding every stored port.
    /// </summary>
    public bool CacheReads { get; init; } = true;

    /// <summary>provider:network_type for networks created without one.</summary>
    public NetworkType DefaultNetworkType { get; init; } = NetworkType.Vxlan;

    /// <summary>The MTU of the physical network; overlay networks get it minus their encapsulation overhead.</summary>
    public int PhysicalMtu { get; init; } = 1500;
}
