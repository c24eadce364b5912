using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Wyvern.OpenFlow.Messages;

namespace Wyvern.OpenFlow.Benchmarks;

/// <summary>
/// Encodes/decodes per CPU-second on one thread. On a shared, loaded machine the
/// wall clock overstates the cost; the thread's CPU time is what "per core" means.
/// </summary>
public static class CodecThroughput
{
    public static void Run()
    {
        var flowMod = TypicalFlows.Pipeline(42);
        var output = new ArrayBufferWriter<byte>(4096);
        var encoded = flowMod.ToArray();
        Console.WriteLine($"flow mod: {encoded.Length} bytes, {flowMod.Match.Count} match fields");
        Measure("encode", 5_000_000, () =>
        {
            output.ResetWrittenCount();
            flowMod.Encode(output, 7);
        });
        Measure("decode", 1_000_000, () => OfpMessageDecoder.Decode(encoded));
    }

    private static void Measure(string name, int iterations, Action body)
    {
        for (var i = 0; i < 100_000; i++)
        {
            body();
        }

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            body();
        }

        wall.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {iterations / cpu.TotalSeconds / 1e6:F2} M/s per CPU-second ({cpu.TotalMilliseconds * 1e6 / iterations:F0} ns CPU each), " +
            $"{iterations / wall.Elapsed.TotalSeconds / 1e6:F2} M/s wall, {(double)allocated / iterations:F1} B allocated each"));
    }
}
