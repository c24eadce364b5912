// Northbound store scale benchmark (docs/benchmarks.md "## Northbound store").
// Usage: dotnet run -c Release --project bench/Wyvern.Northbound.Benchmarks -- [ports] [writers] [all|embedded|etcd]
using System.Globalization;
using System.Security.Cryptography;
using Wyvern.Northbound.Benchmarks;
using Wyvern.Northbound.Embedded;
using Wyvern.Northbound.Etcd;

var ports = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var writers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
var stores = args.Length > 2 ? args[2] : "all";
var dir = Path.Combine("/tmp", "wy-" + RandomNumberGenerator.GetHexString(6, lowercase: true));
Directory.CreateDirectory(dir);
try
{
    Console.WriteLine($"{ports} ports, {writers} concurrent writers, {Environment.ProcessorCount} cores");
    Console.WriteLine("| store | measure | throughput / time | latency |");
    Console.WriteLine("|---|---|---|---|");
    if (stores is "all" or "embedded")
    {
        await StoreBenchmark.RunAsync("embedded (fsync each commit)", run =>
            EmbeddedNbStore.Open(Path.Combine(dir, $"full-{run}.db")), ports, writers);
        await StoreBenchmark.RunAsync("embedded (synchronous=NORMAL)", run =>
            EmbeddedNbStore.Open(Path.Combine(dir, $"normal-{run}.db"), new EmbeddedNbStoreOptions { SyncEveryCommit = false }), ports, writers);
    }
    if (stores is not ("all" or "etcd"))
    {
        return;
    }
    using var etcd = await BenchEtcd.StartAsync(dir);
    await StoreBenchmark.RunAsync("etcd 3.4 (1 member, loopback)", run =>
        new EtcdNbStore(new EtcdNbStoreOptions { Endpoints = [etcd.ClientUrl], Prefix = "/bench-" + run }), ports, writers);
}
finally
{
    Directory.Delete(dir, recursive: true);
}
