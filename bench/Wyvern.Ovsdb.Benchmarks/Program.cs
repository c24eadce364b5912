using BenchmarkDotNet.Running;

namespace Wyvern.Ovsdb.Benchmarks;

/// <summary>
/// In-memory benchmarks: <c>dotnet run -c Release --project bench/Wyvern.Ovsdb.Benchmarks -- --filter '*'</c>.
/// Against a real ovsdb-server (10,000 interfaces, wall clock): <c>… -- real [count]</c>.
/// </summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "real")
        {
            await RealServerBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
