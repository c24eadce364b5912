using System.Globalization;
using System.Net;
using Wyvern.Model;
using Wyvern.Northbound;

namespace Wyvern.Scale;

/// <summary>
/// The logical model of the scale benchmark: <see cref="Routers"/> routers,
/// each joining <see cref="NetworksPerRouter"/> networks (one /24 subnet with
/// DHCP each), <see cref="PortsPerNetwork"/> VM ports per network (MAC, one
/// fixed IP, port security on). Every VM port is already bound to the chassis
/// and ACTIVE, so the controller has nothing to claim back in the store and
/// the timed part measures compile + install only. North-south and security
/// (the shape the OVN comparison builds too, see ScaleModel.NorthSouth.cs):
/// a flat external network, each router's gateway with SNAT, a floating IP on
/// the first port of every network, every VM port in the project's default
/// security group; plus <paramref name="spareFloatingIps"/> unassociated
/// floating IPs for the associate measurement.
/// </summary>
public sealed partial class ScaleModel(int routers, int networksPerRouter, int portsPerNetwork, string chassis, int spareFloatingIps = 0)
{
    /// <summary>Routers.</summary>
    public int Routers { get; } = routers;

    /// <summary>Networks joined by each router.</summary>
    public int NetworksPerRouter { get; } = networksPerRouter;

    /// <summary>VM ports on each network.</summary>
    public int PortsPerNetwork { get; } = portsPerNetwork;

    /// <summary>All networks.</summary>
    public int Networks => Routers * NetworksPerRouter;

    /// <summary>All VM ports of the bulk model.</summary>
    public int Ports => Networks * PortsPerNetwork;

    /// <summary>The id of VM port <paramref name="n"/> (a UUID whose first 8 hex digits differ per port).</summary>
    public static string PortId(int n) => string.Create(CultureInfo.InvariantCulture, $"{n:x8}-5ca1-4000-8000-000000000000");

    /// <summary>The VM port ids of the bulk model, in order.</summary>
    public IEnumerable<string> PortIds => Enumerable.Range(0, Ports).Select(PortId);

    /// <summary>
    /// The whole model (external network, security group, networks, subnets,
    /// router interfaces, routers with gateways, VM ports, floating IPs) as one transaction.
    /// </summary>
    public NbTransaction Build()
    {
        var txn = new NbTransaction();
        AddExternalNetwork(txn);
        txn.Create(DefaultSecurityGroup());
        for (var r = 0; r < Routers; r++)
        {
            var routerPorts = new List<RouterPort>();
            for (var s = 0; s < NetworksPerRouter; s++)
            {
                var g = (r * NetworksPerRouter) + s;
                txn.Create(new LogicalSwitch { Id = NetworkId(g), Key = g + 1, SegmentationId = 1000 + g, ProjectId = "scale", Name = NetworkId(g) });
                txn.Create(new Subnet
                {
                    Id = SubnetId(g),
                    NetworkId = NetworkId(g),
                    ProjectId = "scale",
                    Cidr = new IPNetwork(SubnetBase(g), 24),
                    GatewayIp = Host(g, 1),
                    DnsNameservers = [IPAddress.Parse("10.255.255.53")],
                });
                var rp = RouterPort(r, g);
                routerPorts.Add(rp);
                txn.Create(new LogicalPort
                {
                    Id = rp.Id,
                    Key = rp.Key,
                    NetworkId = rp.NetworkId,
                    MacAddress = rp.MacAddress,
                    FixedIps = [new FixedIp(rp.SubnetId, rp.IpAddress)],
                    DeviceOwner = "network:router_interface",
                    DeviceId = RouterId(r),
                });
                for (var p = 0; p < PortsPerNetwork; p++)
                {
                    txn.Create(VmPort((g * PortsPerNetwork) + p, g, 10 + p));
                }
                AddFloatingIp(txn, FirstPortFloatingIp(r, g));
            }
            AddGateway(txn, r, routerPorts);
        }
        for (var i = 0; i < spareFloatingIps; i++)
        {
            AddFloatingIp(txn, SpareFloatingIp(i));
        }
        return txn;
    }

    /// <summary>
    /// Extra VM port number <paramref name="i"/> (for the one-change measurement),
    /// on network <c>i % Networks</c>, with an address above the bulk ports'.
    /// </summary>
    public LogicalPort ExtraPort(int i) => VmPort(Ports + i, i % Networks, 10 + PortsPerNetwork + (i / Networks));

    private LogicalPort VmPort(int n, int network, int host) => new()
    {
        Id = PortId(n),
        Key = 100_000 + n,
        ProjectId = "scale",
        NetworkId = NetworkId(network),
        MacAddress = new MacAddress(0xfa163e000000UL + (ulong)n),
        FixedIps = [new FixedIp(SubnetId(network), Host(network, host))],
        DeviceOwner = "compute:nova",
        DeviceId = "vm-" + n.ToString(CultureInfo.InvariantCulture),
        PortSecurityEnabled = true,
        SecurityGroupIds = [DefaultSecurityGroupId],
        Binding = new PortBinding(chassis),
        BindingHost = chassis,
        BindingVifType = "ovs",
        Status = PortStatus.Active,
    };

    private static RouterPort RouterPort(int router, int network) => new()
    {
        Id = string.Create(CultureInfo.InvariantCulture, $"rp-{network}"),
        Key = 50_000 + network,
        NetworkId = NetworkId(network),
        SubnetId = SubnetId(network),
        MacAddress = new MacAddress(0xfa163eaa0000UL + (ulong)network),
        IpAddress = Host(network, 1),
        Network = new IPNetwork(SubnetBase(network), 24),
    };

    private static string NetworkId(int g) => string.Create(CultureInfo.InvariantCulture, $"net-{g}");

    private static string SubnetId(int g) => string.Create(CultureInfo.InvariantCulture, $"sub-{g}");

    private static string RouterId(int r) => string.Create(CultureInfo.InvariantCulture, $"router-{r}");

    /// <summary>10.(g / 256).(g % 256).0/24.</summary>
    private static IPAddress SubnetBase(int g) => new([10, (byte)(g >> 8), (byte)g, 0]);

    /// <summary>10.(g / 256).(g % 256).<paramref name="host"/>.</summary>
    private static IPAddress Host(int g, int host) => new([10, (byte)(g >> 8), (byte)g, (byte)host]);
}
