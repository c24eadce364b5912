using BenchmarkDotNet.Running;

namespace Wyvern.OpenFlow.Benchmarks;

/// <summary>Runs the OpenFlow benchmarks: <c>dotnet run -c Release --project bench/Wyvern.OpenFlow.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
