using Wyvern.Ovsdb.Binding;

namespace Wyvern.Ovsdb.Tests.Fixtures;

/// <summary>Collects local-port events in order, skipping batches that do not concern the test.</summary>
internal sealed class BindingReader(LocalPortBindingMonitor binding)
{
    public async Task<LocalPortBatch> NextAsync(int timeoutMs = 10_000)
    {
        using var cts = new CancellationTokenSource(timeoutMs);
        return await binding.Batches.ReadAsync(cts.Token);
    }

    /// <summary>Reads batches until an event matches; returns every event seen on the way, in order.</summary>
    public async Task<List<LocalPortEvent>> UntilAsync(Func<LocalPortEvent, bool> match, int timeoutMs = 10_000)
    {
        var seen = new List<LocalPortEvent>();
        using var cts = new CancellationTokenSource(timeoutMs);
        while (true)
        {
            var batch = await binding.Batches.ReadAsync(cts.Token);
            seen.AddRange(batch.Events);
            if (batch.Events.Any(match))
            {
                return seen;
            }
        }
    }
}
