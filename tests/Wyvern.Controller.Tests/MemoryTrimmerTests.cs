using Wyvern.Testing;

namespace Wyvern.Controller.Tests;

[Trait("Layer", Layer.Unit)]
public sealed class MemoryTrimmerTests
{
    [Fact]
    public async Task BulkWorkNotedSeveralTimes_CollectsOnce_AQuietPeriodAfterTheLast()
    {
        var collections = 0;
        var trimmer = new MemoryTrimmer(TimeProvider.System, TimeSpan.FromMilliseconds(300), () => Interlocked.Increment(ref collections));

        var first = trimmer.NoteBulkWorkAsync(CancellationToken.None);
        var second = trimmer.NoteBulkWorkAsync(CancellationToken.None);
        collections.ShouldBe(0);
        var last = trimmer.NoteBulkWorkAsync(CancellationToken.None);
        await Task.WhenAll(first, second, last);

        collections.ShouldBe(1);
    }

    [Fact]
    public async Task Stopping_BeforeTheQuietPeriodEnds_CollectsNothing()
    {
        var collections = 0;
        var trimmer = new MemoryTrimmer(TimeProvider.System, TimeSpan.FromSeconds(30), () => collections++);
        using var stop = new CancellationTokenSource();

        var pending = trimmer.NoteBulkWorkAsync(stop.Token);
        await stop.CancelAsync();

        await Should.ThrowAsync<TaskCanceledException>(pending);
        collections.ShouldBe(0);
    }
}
