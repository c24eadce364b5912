using System.Globalization;
using Wyvern.OpenFlow.Channel;
using Wyvern.Scale;

// Usage: Wyvern.Scale <routers> <networks-per-router> [ports-per-network=50] [changes=20] [switch-timeout-seconds]
// The last sets the OpenFlow dead-peer and request timeouts (default: the channel's, 15 s and 60 s).
//        Wyvern.Scale memory <routers> <networks-per-router> [ports-per-network=50]
//        Wyvern.Scale compile <routers> <networks-per-router> [ports-per-network=50] [rounds=5]
// The first needs root (network namespaces) and Open vSwitch; see bench/scale/run.sh. The second
// (MemoryProbe) needs only ovsdb-server and ovsdb-tool; the third (CompileProbe) nothing.
const string Usage = "usage: Wyvern.Scale [memory|compile] <routers> <networks-per-router> [ports-per-network=50] [changes=20] [switch-timeout-seconds]";
if (args is ["memory", .. var probeArgs] && probeArgs.Length is 2 or 3
    && probeArgs.All(a => int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0))
{
    var sizes = probeArgs.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
    await MemoryProbe.RunAsync(sizes[0], sizes[1], sizes.Length > 2 ? sizes[2] : 50, Console.Out);
    return 0;
}
if (args is ["compile", .. var compileArgs] && compileArgs.Length is 2 or 3 or 4
    && compileArgs.All(a => int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0))
{
    var sizes = compileArgs.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
    await CompileProbe.RunAsync(sizes[0], sizes[1], sizes.Length > 2 ? sizes[2] : 50, sizes.Length > 3 ? sizes[3] : 5, Console.Out);
    return 0;
}
if (args.Length is < 2 or > 5 || !args.All(a => int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0))
{
    await Console.Error.WriteLineAsync(Usage);
    return 2;
}
var numbers = args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
var channel = numbers.Length > 4
    ? new OpenFlowChannelOptions { DeadPeerTimeout = TimeSpan.FromSeconds(numbers[4]), RequestTimeout = TimeSpan.FromSeconds(Math.Max(60, numbers[4])) }
    : new OpenFlowChannelOptions();
var result = await ScaleRun.RunAsync(
    routers: numbers[0],
    networksPerRouter: numbers[1],
    portsPerNetwork: numbers.Length > 2 ? numbers[2] : 50,
    changes: numbers.Length > 3 ? numbers[3] : 20,
    channel,
    Console.Error);
// bench/scale/compare.sh reads the figures as key=value lines from this file.
if (Environment.GetEnvironmentVariable("WYVERN_SCALE_RESULT") is { Length: > 0 } resultFile)
{
    await File.WriteAllTextAsync(resultFile, result.ToKeyValues() + "\n");
}
Console.WriteLine(ScaleResult.MarkdownHeader);
Console.WriteLine(result.ToMarkdownRow());
await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
    $"switch dead-peer timeout {channel.DeadPeerTimeout.TotalSeconds} s; one-port latencies (ms): ")
    + string.Join(' ', result.ChangeLatenciesMs.Select(l => l.ToString("F1", CultureInfo.InvariantCulture))));
return 0;
