using System.Net;
using Wyvern.Controller.Dhcp;
using Wyvern.Model;
using Wyvern.OpenFlow.Channel;

namespace Wyvern.Controller;

/// <summary>How a chassis controller runs (from the command line or the all-in-one host).</summary>
public sealed record ControllerOptions
{
    /// <summary>The chassis name (also OVS <c>system-id</c> and the store's chassis id).</summary>
    public required string ChassisName { get; init; }

    /// <summary>The address other chassis tunnel to (the virtual tunnel ports' local_ip).</summary>
    public IPAddress UnderlayIp { get; init; } = IPAddress.Loopback;

    /// <summary>Encapsulations this chassis offers; one virtual tunnel port each.</summary>
    public IReadOnlyList<TunnelType> TunnelTypes { get; init; } = [TunnelType.Vxlan];

    /// <summary>Physical network → provider bridge.</summary>
    public IReadOnlyDictionary<string, string> BridgeMappings { get; init; } = new Dictionary<string, string>();

    /// <summary>May host centralized SNAT and fallback DNAT.</summary>
    public bool GatewayCapable { get; init; }

    /// <summary>The OVSDB server of this chassis: <c>unix:PATH</c> or <c>tcp:IP:PORT</c>.</summary>
    public string OvsdbEndpoint { get; init; } = "unix:/var/run/openvswitch/db.sock";

    /// <summary>The integration bridge.</summary>
    public string IntegrationBridge { get; init; } = "br-int";

    /// <summary><c>system</c> (kernel datapath) in production, <c>netdev</c> (userspace) in tests.</summary>
    public string DatapathType { get; init; } = "system";

    /// <summary>
    /// Where the controller listens for its switch: <c>unix:PATH</c> or
    /// <c>tcp:IP:PORT</c>. OVS connects to the same target (set once at bootstrap).
    /// </summary>
    public string OpenFlowListen { get; init; } = "tcp:127.0.0.1:6653";

    /// <summary>
    /// Timings of the switch connection. A switch busy with a large bundle
    /// (a first sync of 100,000+ flows) reads nothing and says nothing for
    /// longer than the default dead-peer timeout; a chassis that big needs a
    /// longer one, or the session is dropped mid-bundle and the sync restarts
    /// forever (docs/benchmarks.md, "Controller scale").
    /// </summary>
    public OpenFlowChannelOptions SwitchChannel { get; init; } = new();

    /// <summary>
    /// Flow mods per bundle. A larger diff is sent as several bundles, each
    /// atomic on its own: one bundle of 100,000 flows keeps a userspace
    /// ovs-vswitchd silent for longer than the dead-peer timeout.
    /// </summary>
    public int MaxFlowModsPerBundle { get; init; } = 8000;

    /// <summary>
    /// OpenFlow connections a large sync (more flow mods than one bundle holds)
    /// writes over at once: the controller's own plus service connections to
    /// <see cref="SwitchServiceTarget"/>. 1 turns it off. See <see cref="BulkSessions"/>.
    /// </summary>
    public int BulkInstallConnections { get; init; } = 32;

    /// <summary>
    /// Flow mods above which a sync is spread over <see cref="BulkInstallConnections"/> even
    /// when it fits one bundle: one connection carries 50 flow mods per pass of ovs-vswitchd's
    /// main loop, so a security group rule for 5,000 ports took 1.2 s over the controller
    /// connection alone. Each connection's part is still an atomic bundle.
    /// </summary>
    public int BulkInstallThreshold { get; init; } = 2000;

    /// <summary>A sync of more flow mods than this is a bulk sync: more than one bundle's worth, or above <see cref="BulkInstallThreshold"/>.</summary>
    public int BulkSyncAbove => Math.Min(BulkInstallThreshold, MaxFlowModsPerBundle);

    /// <summary>
    /// How long the extra connections of a bulk sync stay open for the next one (opening 31
    /// costs ovs-vswitchd ~1 s at 10,000 userspace ports; a security group rule every port
    /// uses is a bulk sync of its own). See <see cref="BulkSessionPool"/>.
    /// </summary>
    public TimeSpan BulkConnectionLinger { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Where the integration bridge accepts service connections
    /// (<c>unix:PATH</c> or <c>tcp:IP:PORT</c>). Null: Open vSwitch's own
    /// <c>BRIDGE.mgmt</c> socket in its run directory, the directory of the
    /// OVSDB unix socket (<see cref="ResolvedSwitchServiceTarget"/>).
    /// </summary>
    public string? SwitchServiceTarget { get; init; }

    /// <summary>
    /// <see cref="SwitchServiceTarget"/>, or the bridge's management socket next
    /// to the OVSDB unix socket; null when OVSDB is reached over TCP and no
    /// target is set (bulk installs then use the controller connection alone).
    /// </summary>
    public string? ResolvedSwitchServiceTarget =>
        SwitchServiceTarget
        ?? (OvsdbEndpoint.StartsWith("unix:", StringComparison.Ordinal) && Path.GetDirectoryName(OvsdbEndpoint["unix:".Length..]) is { Length: > 0 } runDir
            ? "unix:" + Path.Combine(runDir, IntegrationBridge + ".mgmt")
            : null);

    /// <summary>How long the chassis record outlives a silent controller.</summary>
    public TimeSpan LeaseTtl { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>DHCP answers.</summary>
    public DhcpSettings Dhcp { get; init; } = new();

    /// <summary>Packet-ins accepted per port per second (a flooding VM cannot starve the controller).</summary>
    public double PacketInRatePerPort { get; init; } = 50;

    /// <summary>
    /// A gateway-capable chassis's rescheduler makes a full pass this often (and
    /// retries this long after a store failure); chassis changes trigger a pass at once.
    /// </summary>
    public TimeSpan GatewayReschedulePeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an unresolved external next hop is asked for again (ARP request).</summary>
    public TimeSpan NeighbourRetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a resolved external next hop is confirmed (a new ARP request).</summary>
    public TimeSpan NeighbourRefreshInterval { get; init; } = TimeSpan.FromSeconds(30);
}
