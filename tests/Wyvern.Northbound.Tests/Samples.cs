using System.Net;
using Wyvern.Model;

namespace Wyvern.Northbound.Tests;

internal static class Samples
{
    public static LogicalSwitch Network(string id, string project = "proj-a") =>
        new() { Id = id, ProjectId = project, Name = id, NetworkType = NetworkType.Vxlan, SegmentationId = 100 };

    public static LogicalPort Port(string id, string project = "proj-a", int n = 1) => new()
    {
        Id = id,
        ProjectId = project,
        NetworkId = "net-1",
        Key = n,
        MacAddress = new MacAddress(0xfa163e000000UL + (ulong)n),
        FixedIps = [new FixedIp("sub-1", new IPAddress(0x0a000000 + n))],
        SecurityGroupIds = ["sg-1"],
        DeviceOwner = "compute:nova",
    };

    public static FloatingIp FloatingIp(string id) => new()
    {
        Id = id,
        ProjectId = "proj-a",
        FloatingIpAddress = IPAddress.Parse("203.0.113.10"),
        FloatingNetworkId = "ext",
    };

    public static Chassis Chassis(string name) => new()
    {
        Id = name,
        UnderlayIp = IPAddress.Parse("172.31.0.1"),
        TunnelTypes = [TunnelType.Vxlan],
    };

    /// <summary>Reads from a watch until <paramref name="count"/> change batches (or resyncs) arrived, or fails after the timeout.</summary>
    public static async Task<List<NbWatchEvent>> TakeAsync(
        this IAsyncEnumerable<NbWatchEvent> watch, int count, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var result = new List<NbWatchEvent>();
        try
        {
            await foreach (var item in watch.WithCancellation(cts.Token))
            {
                result.Add(item);
                if (result.Count == count)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"watch delivered {result.Count} of {count} events: {string.Join(", ", result)}");
        }
        return result;
    }

    /// <summary>Every change of a list of batches, flattened to (revision, kind, table, id).</summary>
    public static List<(long Revision, NbChangeKind Kind, string Table, string Id)> Flatten(this IEnumerable<NbWatchEvent> events) =>
        [.. events.OfType<NbChangeBatch>().SelectMany(b => b.Changes.Select(c => (b.Revision, c.Kind, c.Table, c.Id)))];
}
