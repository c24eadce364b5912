using System.Collections.Concurrent;

namespace Wyvern.Northbound.Embedded;

public sealed partial class EmbeddedNbStore
{
    // Lease id → (TTL, deadline). Deadlines live in memory only: after a restart every lease gets
    // a full TTL again (as etcd does on a leader change), so a restart never expires a live chassis.
    private readonly ConcurrentDictionary<long, (TimeSpan Ttl, DateTimeOffset Deadline)> _leaseDeadlines = new();

    /// <inheritdoc/>
    public override async Task<NbLease> GrantLeaseAsync(TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var cmd = Command("INSERT INTO leases(ttl_ms) VALUES ($t) RETURNING id", ("$t", (long)ttl.TotalMilliseconds));
            var id = (long)cmd.ExecuteScalar()!;
            _leaseDeadlines[id] = (ttl, _options.TimeProvider.GetUtcNow() + ttl);
            return new NbLease(id, ttl);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc/>
    public override Task<bool> KeepAliveAsync(long leaseId, CancellationToken cancellationToken = default)
    {
        while (_leaseDeadlines.TryGetValue(leaseId, out var lease))
        {
            var renewed = lease with { Deadline = _options.TimeProvider.GetUtcNow() + lease.Ttl };
            if (_leaseDeadlines.TryUpdate(leaseId, renewed, lease))
            {
                return Task.FromResult(true);
            }
        }
        return Task.FromResult(false);
    }

    /// <inheritdoc/>
    public override async Task RevokeLeaseAsync(long leaseId, CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            EndLease(leaseId);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Deletes the lease's objects (one revision) and the lease; caller holds the lock.</summary>
    private void EndLease(long leaseId)
    {
        _leaseDeadlines.TryRemove(leaseId, out _);
        DeleteWhere("lease = $l", ("$l", leaseId));
        using var cmd = Command("DELETE FROM leases WHERE id = $l", ("$l", leaseId));
        cmd.ExecuteNonQuery();
    }

    private void LoadLeases()
    {
        var now = _options.TimeProvider.GetUtcNow();
        using var cmd = Command("SELECT id, ttl_ms FROM leases");
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            var ttl = TimeSpan.FromMilliseconds(reader.GetInt64(1));
            _leaseDeadlines[reader.GetInt64(0)] = (ttl, now + ttl);
        }
    }

    private async Task ExpireLeasesLoopAsync()
    {
        using var timer = new PeriodicTimer(_options.LeaseCheckInterval, _options.TimeProvider);
        while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
        {
            var now = _options.TimeProvider.GetUtcNow();
            foreach (var (id, lease) in _leaseDeadlines)
            {
                if (lease.Deadline > now)
                {
                    continue;
                }
                await _lock.WaitAsync(_stopping.Token).ConfigureAwait(false);
                try
                {
                    // Renewed while we waited for the lock?
                    if (_leaseDeadlines.TryGetValue(id, out var current) && current.Deadline <= now)
                    {
                        EndLease(id);
                    }
                }
                finally
                {
                    _lock.Release();
                }
            }
        }
    }
}
