using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Wyvern.Neutron;
using Wyvern.Northbound.Embedded;

// Usage: dotnet run -c Release --project bench/Wyvern.Neutron.Benchmarks -- [ports=10000] [clients=8] [lists=20]
// Starts the API on 127.0.0.1 (Kestrel, noauth) over an embedded store in /tmp/wy-xxxxxx (fsync on
// every commit, the default), creates one network with a /18 subnet, then creates the ports from
// `clients` concurrent HTTP clients (IPAM and MAC generation on every request), then lists all ports.
var ports = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var clients = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
var lists = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;

var directory = Path.Combine(Path.GetTempPath(), "wy-" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..6]);
Directory.CreateDirectory(directory);
try
{
    await using var store = EmbeddedNbStore.Open(Path.Combine(directory, "nb.db"));
    var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
    builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
    await using var app = NeutronApi.Build(builder, store, new NeutronOptions());
    await app.StartAsync();
    using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

    var network = await PostAsync(http, "/v2.0/networks", "{\"network\": {\"name\": \"bench\"}}");
    var networkId = network["network"]!["id"]!.GetValue<string>();
    await PostAsync(http, "/v2.0/subnets", $"{{\"subnet\": {{\"network_id\": \"{networkId}\", \"cidr\": \"10.0.0.0/18\", \"ip_version\": 4}}}}");

    var createLatencies = new double[ports];
    var next = -1;
    var total = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
    {
        for (var i = Interlocked.Increment(ref next); i < ports; i = Interlocked.Increment(ref next))
        {
            var started = Stopwatch.GetTimestamp();
            await PostAsync(http, "/v2.0/ports", $"{{\"port\": {{\"network_id\": \"{networkId}\", \"name\": \"p{i}\", \"device_owner\": \"compute:nova\"}}}}");
            createLatencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
    }));
    var createSeconds = total.Elapsed.TotalSeconds;
    Report($"port create (IPAM + MAC), {clients} clients, 0 → {ports} ports", ports / createSeconds, createLatencies);

    var listLatencies = new double[lists];
    total.Restart();
    for (var i = 0; i < lists; i++)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(new Uri("/v2.0/ports", UriKind.Relative));
        var body = await response.Content.ReadAsByteArrayAsync();
        listLatencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (i == 0)
        {
            var count = JsonNode.Parse(body)!["ports"]!.AsArray().Count;
            Console.WriteLine($"list returned {count} ports, {body.Length / 1024} KiB");
        }
    }
    Report($"port list (all {ports} ports), 1 client", lists / total.Elapsed.TotalSeconds, listLatencies);

    var filtered = new double[lists];
    for (var i = 0; i < lists; i++)
    {
        var started = Stopwatch.GetTimestamp();
        await GetAsync(http, $"/v2.0/ports?name=p{i * 7}");
        filtered[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
    Report($"port list ?name= (1 of {ports}), 1 client", 0, filtered);
    await app.StopAsync();
}
finally
{
    Directory.Delete(directory, recursive: true);
}

static async Task<JsonNode> PostAsync(HttpClient http, string path, string body)
{
    using var content = new StringContent(body, Encoding.UTF8, "application/json");
    using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content);
    var text = await response.Content.ReadAsStringAsync();
    return response.IsSuccessStatusCode ? JsonNode.Parse(text)! : throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text}");
}

static async Task GetAsync(HttpClient http, string path)
{
    using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
    response.EnsureSuccessStatusCode();
    await response.Content.ReadAsByteArrayAsync();
}

static void Report(string what, double perSecond, double[] latencies)
{
    Array.Sort(latencies);
    double Percentile(double p) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];
    var rate = perSecond > 0 ? $"{perSecond:F0} req/s" : "";
    Console.WriteLine($"| {what} | {rate} | p50 {Percentile(0.50):F1} ms | p99 {Percentile(0.99):F1} ms | max {latencies[^1]:F1} ms |");
}
