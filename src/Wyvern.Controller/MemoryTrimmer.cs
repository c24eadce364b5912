namespace Wyvern.Controller;

/// <summary>
/// Returns the memory of bulk work to the operating system once the controller is quiet.
/// A full install or resync at scale (a hundred thousand flow mods: the compile, the diff, the
/// encoded bundles) raises the managed heap far above what the controller keeps, and the
/// collector holds the freed space committed for later allocations (at 10,000 ports the
/// process kept ~250 MB committed for ~120 MB of live objects). One aggressive collection,
/// run once no bulk work happened for a quiet period, decommits it; single changes never
/// trigger one.
/// </summary>
internal sealed class MemoryTrimmer(TimeProvider time, TimeSpan quiet, Action collect)
{
    /// <summary>Flow mods in one sync from which the sync counts as bulk work.</summary>
    public const int BulkFlowMods = Engine.DesiredFlowTable.BigBatch;

    private int _generation;

    /// <summary>The default collection: a blocking, compacting, decommitting full collection.</summary>
    public static void CollectAggressively() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    /// <summary>Notes bulk work; the collection runs once, <c>quiet</c> after the last bulk work noted.</summary>
    public Task NoteBulkWorkAsync(CancellationToken cancellationToken)
    {
        var generation = Interlocked.Increment(ref _generation);
        return Task.Delay(quiet, time, cancellationToken).ContinueWith(
            _ =>
            {
                if (Volatile.Read(ref _generation) == generation)
                {
                    collect();
                }
            },
            cancellationToken, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }
}
