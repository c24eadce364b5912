using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Wyvern.Model;

namespace Wyvern.Northbound.Benchmarks;

/// <summary>
/// One run against one store: sequential puts with a watcher timing delivery, concurrent puts,
/// then a cold snapshot from a fresh store instance.
/// </summary>
internal static class StoreBenchmark
{
    public static async Task RunAsync(string name, Func<string, NbStoreBase> open, int ports, int writers)
    {
        // 1. sequential puts, one watcher
        var store = open("seq");
        var start = (await store.GetSnapshotAsync()).Revision;
        var issued = new ConcurrentDictionary<string, long>();
        var delivered = new ConcurrentDictionary<string, long>();
        using var stop = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            await foreach (var item in store.WatchAsync(start, stop.Token))
            {
                var now = Stopwatch.GetTimestamp();
                foreach (var change in ((NbChangeBatch)item).Changes)
                {
                    delivered[change.Id] = now;
                }
                if (delivered.Count == ports)
                {
                    return;
                }
            }
        });
        var putLatencies = new double[ports];
        var acknowledged = new long[ports];
        var total = Stopwatch.StartNew();
        for (var i = 0; i < ports; i++)
        {
            var port = Port(i);
            var t0 = Stopwatch.GetTimestamp();
            issued[port.Id] = t0;
            await store.CreateAsync(port);
            acknowledged[i] = Stopwatch.GetTimestamp();
            putLatencies[i] = Stopwatch.GetElapsedTime(t0, acknowledged[i]).TotalMilliseconds;
        }
        var putSeconds = total.Elapsed.TotalSeconds;
        await watcher.WaitAsync(TimeSpan.FromMinutes(5));
        var watchSeconds = total.Elapsed.TotalSeconds;
        var deliveryLatencies = Enumerable.Range(0, ports)
            .Select(i => Stopwatch.GetElapsedTime(issued[Port(i).Id], delivered[Port(i).Id]).TotalMilliseconds).ToArray();
        var afterAck = Enumerable.Range(0, ports)
            .Select(i => Stopwatch.GetElapsedTime(acknowledged[i], delivered[Port(i).Id]).TotalMilliseconds).ToArray();
        await stop.CancelAsync();
        await store.DisposeAsync();

        // 2. concurrent puts
        store = open("concurrent");
        var next = -1;
        total.Restart();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < ports)
            {
                await store.CreateAsync(Port(i));
            }
        })));
        var concurrentSeconds = total.Elapsed.TotalSeconds;
        await store.DisposeAsync();

        // 3. cold snapshot of the sequential data from a fresh instance
        total.Restart();
        store = open("seq");
        var snapshot = await store.GetSnapshotAsync();
        var snapshotMs = total.Elapsed.TotalMilliseconds;
        await store.DisposeAsync();
        if (snapshot.Objects.Count != ports)
        {
            throw new InvalidOperationException($"snapshot has {snapshot.Objects.Count} objects, expected {ports}");
        }

        Console.WriteLine($"| {name} | sequential put | {ports / putSeconds:F0} puts/s | {Describe(putLatencies)} |");
        Console.WriteLine($"| {name} | watch delivery, put issued → event received | all {ports} received {watchSeconds:F2} s after the first put | {Describe(deliveryLatencies)} |");
        Console.WriteLine($"| {name} | watch delivery, put acknowledged → event received (negative: event first) | | {Describe(afterAck)} |");
        Console.WriteLine($"| {name} | concurrent put ({writers} writers) | {ports / concurrentSeconds:F0} puts/s | |");
        Console.WriteLine($"| {name} | cold snapshot load ({ports} ports, open + read + decode) | {snapshotMs:F0} ms | |");
    }

    private static string Describe(double[] values) =>
        $"mean {values.Average():F2} ms, p50 {Percentile(values, 50):F2} ms, p99 {Percentile(values, 99):F2} ms";

    private static double Percentile(double[] values, int percentile)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, sorted.Length * percentile / 100)];
    }

    /// <summary>A realistic port: two fixed IPs, a security group, an allowed address pair, a binding.</summary>
    private static LogicalPort Port(int i) => new()
    {
        Id = $"{i:x8}-0000-4000-8000-000000000000",
        ProjectId = "bench-project",
        Name = $"port-{i}",
        NetworkId = "net-1",
        Key = i + 1,
        MacAddress = new MacAddress(0xfa163e000000UL + (ulong)i),
        FixedIps =
        [
            new FixedIp("sub-4", new IPAddress(0x0a000000L + i)),
            new FixedIp("sub-6", IPAddress.Parse($"fd00::{i:x}")),
        ],
        SecurityGroupIds = ["sg-default"],
        AllowedAddressPairs = [new AllowedAddressPair(IPNetwork.Parse("10.200.0.0/24"))],
        DeviceOwner = "compute:nova",
        DeviceId = $"vm-{i}",
        Binding = new PortBinding($"compute-{i % 50}"),
        BindingVifType = "ovs",
    };
}
