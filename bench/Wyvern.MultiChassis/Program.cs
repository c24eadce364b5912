// Many chassis on one etcd (issue 8's benchmark). Each simulated chassis is
// the controller's real engine (ChassisState + FlowEngine + every app) fed by
// its own etcd watch, as a controller's would be; only the switch is left
// out (the one-chassis benchmark measures the switch). Usage:
//   dotnet run -c Release --project bench/Wyvern.MultiChassis -- [chassis=50] [ports=10000] [samples=20]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Wyvern.Controller.Engine;
using Wyvern.Model;
using Wyvern.Northbound;
using Wyvern.Northbound.Etcd;
using Wyvern.Testing.Etcd;

var chassisCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
var portCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
var samples = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
const int PortsPerNetwork = 50;
var networks = portCount / PortsPerNetwork;

using var dir = new TempDirectory();
var etcdPorts = EtcdMember.FreePorts(1)[0];
using var etcd = EtcdMember.Start(dir, "e1", etcdPorts, $"e1=http://127.0.0.1:{etcdPorts.Peer}");
await etcd.WaitReadyAsync(TimeSpan.FromSeconds(30));
var options = new EtcdNbStoreOptions { Endpoints = [etcd.ClientUrl], Prefix = "/bench" };
await using var writer = new EtcdNbStore(options);

Console.WriteLine($"writing {chassisCount} chassis, {networks} networks, {portCount} ports to etcd …");
var clock = Stopwatch.StartNew();
var objects = new List<NbObject>();
for (var c = 0; c < chassisCount; c++)
{
    objects.Add(new Chassis { Id = ChassisName(c), UnderlayIp = IPAddress.Parse($"172.31.{c / 250}.{(c % 250) + 1}"), TunnelTypes = [TunnelType.Vxlan] });
}
for (var n = 0; n < networks; n++)
{
    objects.Add(new LogicalSwitch { Id = $"net-{n}", Key = n + 1, SegmentationId = 1000 + n });
    objects.Add(new Subnet { Id = $"sub-{n}", NetworkId = $"net-{n}", Cidr = IPNetwork.Parse($"10.{n / 256}.{n % 256}.0/24") });
}
for (var p = 0; p < portCount; p++)
{
    objects.Add(Port(p, p % chassisCount, networks));
}
// etcd refuses transactions of more than 128 operations.
foreach (var chunk in objects.Chunk(100))
{
    var txn = new NbTransaction();
    foreach (var o in chunk)
    {
        txn.Create(o);
    }
    await writer.CommitAsync(txn);
}
Console.WriteLine($"  written in {clock.Elapsed.TotalSeconds:F1} s");

// One engine per chassis, each loading a snapshot and then following its own watch.
clock.Restart();
var engines = new List<FlowEngine>();
var revisions = new long[chassisCount];
var stores = new List<EtcdNbStore>();
using var stop = new CancellationTokenSource();
var pumps = new List<Task>();
for (var c = 0; c < chassisCount; c++)
{
    var store = new EtcdNbStore(options);
    stores.Add(store);
    var engine = new FlowEngine(new ChassisState(ChassisName(c)), FlowEngine.DefaultApps());
    var snapshot = await store.GetSnapshotAsync();
    foreach (var o in snapshot.Objects)
    {
        engine.State.Upsert(o);
    }
    engine.State.SetTunnelOfPort(TunnelType.Vxlan, 100);
    var ofport = 1;
    foreach (var p in engine.State.Ports.Where(p => p.Binding?.Chassis == engine.State.ChassisName))
    {
        engine.State.SetLocalOfPort(p.Id, ofport++);
    }
    engine.RunAll();
    engines.Add(engine);
    var index = c;
    revisions[c] = snapshot.Revision;
    pumps.Add(Task.Run(async () =>
    {
        try
        {
            await foreach (var e in store.WatchAsync(snapshot.Revision, stop.Token))
            {
                if (e is NbChangeBatch batch)
                {
                    lock (engine)
                    {
                        foreach (var change in batch.Changes)
                        {
                            if (change.Value is { } v)
                            {
                                engine.HandleUpsert(v);
                                if (v is LogicalPort lp && lp.Binding?.Chassis == engine.State.ChassisName)
                                {
                                    engine.HandleLocalBinding(lp.Id, 10_000 + lp.Key);
                                }
                            }
                            else
                            {
                                engine.HandleDelete(change.Table, change.Id);
                            }
                        }
                        Volatile.Write(ref revisions[index], batch.Revision);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }));
}
var flows = engines.Select(e => e.Desired.Count).ToList();
Console.WriteLine($"  {chassisCount} engines loaded and compiled in {clock.Elapsed.TotalSeconds:F1} s");
Console.WriteLine($"  flows per chassis: min {flows.Min()}, mean {flows.Average():F0}, max {flows.Max()} ({(double)flows.Sum() / portCount:F1} flows per port summed over all chassis)");
Console.WriteLine($"  process working set {Process.GetCurrentProcess().WorkingSet64 / 1048576} MB, managed heap {GC.GetTotalMemory(true) / 1048576} MB ({chassisCount} full model copies)");

// One port create: until every chassis hosting a port of its network has its flows.
var latencies = new List<double>();
for (var s = 0; s < samples; s++)
{
    var id = portCount + s;
    var port = Port(id, (s * 7) % chassisCount, networks);
    var needing = engines.Where(e => e.State.PortsOfNetwork(port.NetworkId).Any(p => p.Binding?.Chassis == e.State.ChassisName)).ToList();
    var t = Stopwatch.StartNew();
    var revision = (await writer.CommitAsync(new NbTransaction().Create(port))).Revision;
    while (needing.Any(e => Volatile.Read(ref revisions[engines.IndexOf(e)]) < revision))
    {
        await Task.Delay(1);
    }
    latencies.Add(t.Elapsed.TotalMilliseconds);
    // Sanity: every chassis needing it now holds a flow naming the new port's MAC.
    foreach (var e in needing)
    {
        lock (e)
        {
            if (!e.Desired.All.Any(f => f.Owner == "port/" + port.Id))
            {
                throw new InvalidOperationException($"{e.State.ChassisName} has no flow for {port.Id}");
            }
        }
    }
}
latencies.Sort();
Console.WriteLine($"one port create → reflected on every chassis that needs it ({samples} samples): median {latencies[latencies.Count / 2]:F1} ms, p95 {latencies[(int)(latencies.Count * 0.95)]:F1} ms, max {latencies[^1]:F1} ms");

await stop.CancelAsync();
await Task.WhenAll(pumps);
foreach (var s in stores)
{
    await s.DisposeAsync();
}

static string ChassisName(int c) => $"chassis-{c:D3}";

static LogicalPort Port(int p, int chassis, int networks)
{
    var n = p % networks;
    var host = (p / networks) + 10;
    return new LogicalPort
    {
        Id = $"port-{p:D6}",
        Key = p + 1,
        NetworkId = $"net-{n}",
        MacAddress = new MacAddress(0xfa163e000000UL + (ulong)p),
        FixedIps = [new FixedIp($"sub-{n}", IPAddress.Parse($"10.{n / 256}.{n % 256}.{host % 250 + 2}"))],
        DeviceOwner = "compute:nova",
        Binding = new PortBinding($"chassis-{chassis:D3}"),
    };
}
