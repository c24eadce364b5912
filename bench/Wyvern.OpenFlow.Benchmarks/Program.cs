using BenchmarkDotNet.Running;

namespace Wyvern.OpenFlow.Benchmarks;

/// <summary>
/// OpenFlow benchmarks. BenchmarkDotNet: <c>dotnet run -c Release --project bench/Wyvern.OpenFlow.Benchmarks -- --filter '*'</c>.
/// CPU-time throughput of the codec: <c>-- throughput</c>. 100,000-flow install into a real OVS
/// (root) through the channel vs ovs-ofctl add-flows: <c>-- install [count]</c>.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "throughput")
        {
            CodecThroughput.Run();
            return 0;
        }

        if (args.Length > 0 && args[0] == "install")
        {
            var count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
            await InstallBenchmark.RunAsync(count);
            return 0;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
