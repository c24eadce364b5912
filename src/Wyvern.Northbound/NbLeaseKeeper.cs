using Wyvern.Model;

namespace Wyvern.Northbound;

/// <summary>
/// Keeps one object alive on a lease, as a controller keeps its <see cref="Chassis"/>: writes it
/// attached to a fresh lease, renews the lease every third of its TTL and, if the lease was lost
/// anyway (the process stalled longer than the TTL, the store restarted), writes the object again
/// on a new lease. Disposing revokes the lease, so a clean shutdown removes the object at once;
/// a crash removes it after the TTL.
/// </summary>
public sealed class NbLeaseKeeper : IAsyncDisposable
{
    private readonly INbStore _store;
    private readonly NbObject _value;
    private readonly Func<CancellationToken, Task<NbObject?>> _read;
    private readonly TimeSpan _ttl;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private NbLease? _lease;
    private int _registrations;

    private NbLeaseKeeper(INbStore store, NbObject value, Func<CancellationToken, Task<NbObject?>> read, TimeSpan ttl, TimeProvider time)
    {
        _store = store;
        _value = value;
        _read = read;
        _ttl = ttl;
        _time = time;
    }

    /// <summary>The lease the object is on now.</summary>
    public NbLease Lease => _lease ?? throw new InvalidOperationException("not registered");

    /// <summary>How many times the object was written on a new lease (1 unless a lease was lost).</summary>
    public int Registrations => Volatile.Read(ref _registrations);

    /// <summary>Writes <paramref name="value"/> on a new lease of <paramref name="ttl"/> and starts renewing it.</summary>
    public static async Task<NbLeaseKeeper> StartAsync<T>(
        INbStore store, T value, TimeSpan ttl, TimeProvider? time = null, CancellationToken cancellationToken = default)
        where T : NbObject
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(value);
        var keeper = new NbLeaseKeeper(
            store, value, async ct => await store.GetAsync<T>(value.Id, ct).ConfigureAwait(false), ttl, time ?? TimeProvider.System);
        await keeper.RegisterAsync(cancellationToken).ConfigureAwait(false);
        keeper._loop = Task.Run(keeper.RenewLoopAsync, CancellationToken.None);
        return keeper;
    }

    private async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var lease = await _store.GrantLeaseAsync(_ttl, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var existing = await _read(cancellationToken).ConfigureAwait(false);
            var transaction = existing is null
                ? new NbTransaction().Create(_value, lease.Id)
                : new NbTransaction().Update(_value with { Version = existing.Version }, lease.Id);
            try
            {
                await _store.CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (NbConflictException e) when (e.Table == _value.Table)
            {
                // someone wrote it in between (or its old lease just expired): read again
            }
        }
        _lease = lease;
        Interlocked.Increment(ref _registrations);
    }

    private async Task RenewLoopAsync()
    {
        using var timer = new PeriodicTimer(_ttl / 3, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                try
                {
                    if (!await _store.KeepAliveAsync(Lease.Id, _stopping.Token).ConfigureAwait(false))
                    {
                        await RegisterAsync(_stopping.Token).ConfigureAwait(false);
                    }
                }
                catch (NbUnavailableException)
                {
                    // the store is unreachable for now; try again on the next tick
                }
            }
        }
        catch (OperationCanceledException)
        {
            // disposed
        }
    }

    /// <summary>Stops renewing and revokes the lease: the object disappears now.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stopping.Dispose();
        if (_lease is { } lease)
        {
            await _store.RevokeLeaseAsync(lease.Id).ConfigureAwait(false);
        }
    }
}
