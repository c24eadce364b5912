using System.Globalization;
using Wyvern.Scale;

// Usage: Wyvern.Scale <routers> <networks-per-router> [ports-per-network=50] [changes=20]
// Needs root (network namespaces) and Open vSwitch; see bench/scale/run.sh.
if (args.Length < 2 || !args.All(a => int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0))
{
    await Console.Error.WriteLineAsync("usage: Wyvern.Scale <routers> <networks-per-router> [ports-per-network=50] [changes=20]");
    return 2;
}
var numbers = args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
var result = await ScaleRun.RunAsync(
    routers: numbers[0],
    networksPerRouter: numbers[1],
    portsPerNetwork: numbers.Length > 2 ? numbers[2] : 50,
    changes: numbers.Length > 3 ? numbers[3] : 20,
    Console.Error);
Console.WriteLine(ScaleResult.MarkdownHeader);
Console.WriteLine(result.ToMarkdownRow());
await Console.Error.WriteLineAsync("one-port latencies (ms): " + string.Join(' ', result.ChangeLatenciesMs.Select(l => l.ToString("F1", CultureInfo.InvariantCulture))));
return 0;
