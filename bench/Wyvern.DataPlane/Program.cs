// North-south data plane benchmark (issue 9, "Performance"): TCP throughput
// (iperf3) from an external host to a VM through a distributed floating IP
// (served on the VM's host) and through a centralized one (the VM's host has
// no external port: via the gateway chassis and a VXLAN tunnel), against the
// ceiling: two VMs on one network on the same OVS (plain L2). Same run, same
// switches. Usage: dotnet Wyvern.DataPlane.dll [seconds per measurement]
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Wyvern.Controller;
using Wyvern.Model;
using Wyvern.Northbound;
using Wyvern.Northbound.Embedded;
using Wyvern.Testing.Harness;
using Chassis = Wyvern.Testing.Harness.Chassis;

var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
HostRequirements.EnsureRealOvs();
HostRequirements.EnsureCommand("iperf3", "iperf3");

await using var lab = new Lab();
var fabric = await lab.AddFabricAsync();
var physnet = await lab.AddProviderNetworkAsync("physnet1");
var gateway = await lab.AddChassisAsync(new ChassisOptions { CreateIntegrationBridge = false });
var plain = await lab.AddChassisAsync(new ChassisOptions { CreateIntegrationBridge = false });
await gateway.AttachUnderlayAsync(fabric, Fabric.Address(1));
await plain.AttachUnderlayAsync(fabric, Fabric.Address(2));
await gateway.AttachProviderAsync(physnet);
await gateway.SeedTunnelNeighbourAsync(plain);
await plain.SeedTunnelNeighbourAsync(gateway);

var store = lab.Own(EmbeddedNbStore.Open(Path.Combine(gateway.RunDir, "nb.db")));
foreach (var (ch, external) in new[] { (gateway, true), (plain, false) })
{
    var controller = lab.Own(new ChassisController(store, new ControllerOptions
    {
        ChassisName = ch.SystemId,
        UnderlayIp = IPAddress.Parse(ch.UnderlayIp!),
        TunnelTypes = [TunnelType.Vxlan],
        BridgeMappings = external ? new Dictionary<string, string> { ["physnet1"] = "br-ex" } : new Dictionary<string, string>(),
        GatewayCapable = external,
        OvsdbEndpoint = "unix:" + ch.DbSocket,
        DatapathType = "netdev",
        OpenFlowListen = "unix:" + ch.ControllerSocketPath,
    }, NullLogger.Instance));
    await controller.StartAsync();
}

const string hostIp = "203.0.113.1", hostMac = "02:00:00:cb:00:01";
(string Id, string Mac, string Ip, int Key, Chassis On)[] vms =
[
    ("f1000001-0000-4000-8000-000000000001", "fa:16:3e:00:0f:01", "10.1.0.11", 11, gateway),
    ("f1000002-0000-4000-8000-000000000002", "fa:16:3e:00:0f:02", "10.1.0.12", 12, gateway),
    ("f2000003-0000-4000-8000-000000000003", "fa:16:3e:00:0f:03", "10.1.0.13", 13, plain),
];
// A group that admits everything: this measures forwarding and NAT (security groups' conntrack is still on the path).
var open = new SecurityGroup
{
    Id = "sg-open",
    Key = 1,
    Rules =
    [
        new SecurityGroupRule { Id = "in", Direction = RuleDirection.Ingress, EtherType = EtherType.IPv4 },
        new SecurityGroupRule { Id = "out", Direction = RuleDirection.Egress, EtherType = EtherType.IPv4 },
    ],
};
var txn = new NbTransaction()
    .Create(open)
    .Create(new LogicalSwitch { Id = "ext", Key = 50, External = true, NetworkType = NetworkType.Flat, PhysicalNetwork = "physnet1" })
    .Create(new Subnet { Id = "ext-sub", NetworkId = "ext", Cidr = IPNetwork.Parse("203.0.113.0/24"), GatewayIp = IPAddress.Parse(hostIp), EnableDhcp = false })
    .Create(new LogicalSwitch { Id = "net", Key = 1, NetworkType = NetworkType.Vxlan, SegmentationId = 101 })
    .Create(new Subnet { Id = "sub", NetworkId = "net", Cidr = IPNetwork.Parse("10.1.0.0/24"), GatewayIp = IPAddress.Parse("10.1.0.1") })
    .Create(new LogicalRouter
    {
        Id = "r1",
        Key = 1,
        Ports = [new RouterPort { Id = "rp", Key = 21, NetworkId = "net", SubnetId = "sub", MacAddress = MacAddress.Parse("fa:16:3e:aa:01:01"), IpAddress = IPAddress.Parse("10.1.0.1"), Network = IPNetwork.Parse("10.1.0.0/24") }],
        ExternalGateway = new ExternalGateway { NetworkId = "ext", ExternalFixedIps = [new FixedIp("ext-sub", IPAddress.Parse("203.0.113.10"))], PortId = "gw", MacAddress = MacAddress.Parse("fa:16:3e:ee:00:10") },
        GatewayChassis = [gateway.SystemId],
    })
    .Create(Fip("fip-distributed", "203.0.113.101", "fa:16:3e:f1:00:01", vms[0].Id, vms[0].Ip))
    .Create(Fip("fip-centralized", "203.0.113.103", "fa:16:3e:f1:00:03", vms[2].Id, vms[2].Ip));
foreach (var vm in vms)
{
    txn.Create(new LogicalPort { Id = vm.Id, Key = vm.Key, NetworkId = "net", MacAddress = MacAddress.Parse(vm.Mac), FixedIps = [new FixedIp("sub", IPAddress.Parse(vm.Ip))], DeviceOwner = "compute:nova", SecurityGroupIds = [open.Id] });
}
await store.CommitAsync(txn);

var hosts = new List<Vm>();
foreach (var vm in vms)
{
    hosts.Add(await lab.AddVmAsync(vm.On, vm.Id, vm.Mac, vm.Ip + "/24", "10.1.0.1"));
}
var ext = await lab.AddExternalHostAsync(physnet, hostMac, hostIp + "/24");
foreach (var h in new[] { hosts[0], hosts[2] })
{
    await h.Netns.CheckAsync("iperf3", "-s", "-D", "-p", "5201");
}

var results = new List<(string Path, double Gbps)>
{
    ("same network, same OVS (L2, the ceiling)", await MeasureAsync(hosts[1], vms[0].Ip)),
    ("floating IP, distributed (VM's host)", await MeasureAsync(ext, "203.0.113.101")),
    ("floating IP, centralized (gateway chassis + VXLAN)", await MeasureAsync(ext, "203.0.113.103")),
};
Console.WriteLine($"machine: {Environment.ProcessorCount} cores; iperf3 -t {seconds}, one TCP stream, userspace datapath (netdev), load before: {File.ReadAllText("/proc/loadavg")[..14]}");
Console.WriteLine("| path | Gbit/s | vs L2 |");
Console.WriteLine("| --- | ---: | ---: |");
foreach (var (path, gbps) in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {path} | {gbps:F2} | {gbps / results[0].Gbps:P0} |"));
}

async Task<double> MeasureAsync(NetworkHost client, string server)
{
    // Wait until the path is up (flows installed, ARP resolved), then measure.
    var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
    while (!(await client.PingAsync(server, count: 1, waitSeconds: 1)).Succeeded)
    {
        if (DateTime.UtcNow > until)
        {
            throw new InvalidOperationException($"{client} cannot reach {server}");
        }
    }
    var r = await client.ExecAsync(["iperf3", "-c", server, "-p", "5201", "-t", seconds.ToString(CultureInfo.InvariantCulture), "-J"], TimeSpan.FromSeconds(seconds + 30));
    if (!r.Succeeded)
    {
        throw new InvalidOperationException($"iperf3 {client} → {server}: {r}");
    }
    using var json = JsonDocument.Parse(r.Stdout);
    return json.RootElement.GetProperty("end").GetProperty("sum_received").GetProperty("bits_per_second").GetDouble() / 1e9;
}

static FloatingIp Fip(string id, string address, string mac, string portId, string fixedIp) => new()
{
    Id = id,
    FloatingIpAddress = IPAddress.Parse(address),
    FloatingNetworkId = "ext",
    FloatingPortId = id + "-port",
    FloatingPortMac = MacAddress.Parse(mac),
    PortId = portId,
    FixedIpAddress = IPAddress.Parse(fixedIp),
    RouterId = "r1",
};
