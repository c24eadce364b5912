using Wyvern.Northbound;

namespace Wyvern.Neutron.Http;

/// <summary>
/// Runs the API's writes one at a time, so that reads for IPAM, MAC and duplicate checks and the
/// transaction that follows them see no other write of this process in between. A version conflict
/// (another process or the controller wrote the same object first) reruns the whole request.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "Lives as long as the application; a semaphore without a wait handle holds nothing to release.")]
internal sealed class WriteGate
{
    private const int Attempts = 5;
    private readonly SemaphoreSlim _lock = new(1, 1);

    /// <summary>Runs <paramref name="write"/> alone, retrying on a store conflict.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await write();
                }
                catch (NbConflictException e) when (attempt < Attempts)
                {
                    _ = e; // someone else wrote first: read again and redo the request.
                }
                catch (NbConflictException e)
                {
                    throw NeutronErrors.Conflict("Conflict", $"Concurrent update of {e.Table} {e.Id}, try again");
                }
            }
        }
        finally
        {
            _lock.Release();
        }
    }
}
