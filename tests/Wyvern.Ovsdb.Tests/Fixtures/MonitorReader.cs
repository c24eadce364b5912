using Wyvern.Ovsdb.Monitoring;

namespace Wyvern.Ovsdb.Tests.Fixtures;

/// <summary>Reads a monitor's updates with a timeout, and keeps a copy of the rows built only
/// from the delivered changes (to prove the changes alone reproduce the database).</summary>
internal sealed class MonitorReader(OvsdbMonitor monitor)
{
    public Dictionary<(string Table, Guid Uuid), Values.OvsdbRow> Replica { get; } = [];

    public async Task<OvsdbMonitorUpdate> NextAsync(int timeoutMs = 5000)
    {
        using var cts = new CancellationTokenSource(timeoutMs);
        var update = await monitor.Updates.ReadAsync(cts.Token);
        foreach (var change in update.Changes)
        {
            if (change.New is null)
            {
                Replica.Remove((change.Table, change.Uuid)).ShouldBeTrue($"delete of a row the consumer never saw: {change.Uuid}");
            }
            else
            {
                Replica[(change.Table, change.Uuid)] = change.New;
            }
        }

        return update;
    }

    public async Task<OvsdbMonitorUpdate> NextOfKindAsync(OvsdbMonitorUpdateKind kind, int timeoutMs = 10_000)
    {
        while (true)
        {
            var update = await NextAsync(timeoutMs);
            if (update.Kind == kind)
            {
                return update;
            }
        }
    }
}
