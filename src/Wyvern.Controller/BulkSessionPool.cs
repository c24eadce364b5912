using Wyvern.OpenFlow.Channel;

namespace Wyvern.Controller;

/// <summary>How a bulk sync came by its extra connections.</summary>
internal enum BulkSessionSource
{
    /// <summary>No extra connections: a sync of one bundle's worth.</summary>
    MainOnly,

    /// <summary>Opened for this sync, after its diff was known.</summary>
    Opened,

    /// <summary>Opened while the engine compiled the store batch that needed them.</summary>
    OpenedAhead,

    /// <summary>Kept open after an earlier bulk sync.</summary>
    Reused,
}

/// <summary>
/// The extra connections bulk syncs write over (<see cref="BulkSessions"/>), kept across syncs
/// so that opening them is rarely on a sync's path: ovs-vswitchd accepts one connection per
/// listener per pass of its main loop, so opening 31 takes ~1 s at 10,000 userspace ports, as
/// long as the install itself. They are opened ahead while the engine compiles a store batch
/// that will need them (<see cref="OpenAhead"/>), and kept for <c>linger</c> after a bulk sync,
/// so the next one (the next rule of a security group every port uses) finds them open. Used
/// only by the controller's loop, one call at a time.
/// </summary>
internal sealed class BulkSessionPool(Func<SwitchSession, Task<BulkSessions>> open, TimeSpan linger, TimeProvider time) : IAsyncDisposable
{
    private (SwitchSession For, Task<BulkSessions> Sessions)? _opening;
    private (BulkSessions Sessions, DateTimeOffset Until)? _idle;

    /// <summary>Extra connections held open between syncs.</summary>
    public int IdleConnections => _idle is { } idle ? idle.Sessions.All.Count - 1 : 0;

    /// <summary>Starts opening connections next to <paramref name="main"/>, unless some are open or opening already.</summary>
    public void OpenAhead(SwitchSession main)
    {
        if (_opening is not null || Reusable(main) is not null)
        {
            return;
        }
        _opening = (main, open(main));
    }

    /// <summary>
    /// The connections for a sync on <paramref name="main"/>: the main session alone unless
    /// <paramref name="bulk"/>; else idle ones kept from an earlier sync, those being opened
    /// ahead, or new ones. Connections that cannot serve (another main session, one of them
    /// gone) are closed.
    /// </summary>
    public async Task<(BulkSessions Sessions, BulkSessionSource Source)> TakeAsync(SwitchSession main, bool bulk)
    {
        if (!bulk)
        {
            // Idle connections stay for the next bulk sync; ones being opened for this
            // sync are not needed after all.
            CloseOpening();
            return (BulkSessions.MainOnly(main), BulkSessionSource.MainOnly);
        }
        if (Reusable(main) is { } reused)
        {
            _idle = null;
            CloseOpening();
            return (reused, BulkSessionSource.Reused);
        }
        CloseIdle();
        if (_opening is { } opening && ReferenceEquals(opening.For, main))
        {
            _opening = null;
            return (await opening.Sessions.ConfigureAwait(false), BulkSessionSource.OpenedAhead);
        }
        CloseOpening();
        return (await open(main).ConfigureAwait(false), BulkSessionSource.Opened);
    }

    /// <summary>After a sync: keeps its extra connections for the next bulk sync, until <c>linger</c> has passed.</summary>
    public void Return(BulkSessions sessions)
    {
        if (sessions.All.Count <= 1)
        {
            return;
        }
        if (_idle is { } old && !ReferenceEquals(old.Sessions, sessions))
        {
            _ = CloseAsync(Task.FromResult(old.Sessions));
        }
        _idle = (sessions, time.GetUtcNow() + linger);
    }

    /// <summary>Closes idle connections kept longer than <c>linger</c>; the loop calls it once per burst of inputs.</summary>
    public void CloseExpired()
    {
        if (_idle is { } idle && time.GetUtcNow() >= idle.Until)
        {
            CloseIdle();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_opening is { } opening)
        {
            _opening = null;
            await CloseAsync(opening.Sessions).ConfigureAwait(false);
        }
        if (_idle is { } idle)
        {
            _idle = null;
            await idle.Sessions.DisposeAsync().ConfigureAwait(false);
        }
    }

    private BulkSessions? Reusable(SwitchSession main) =>
        _idle is { } idle && ReferenceEquals(idle.Sessions.All[0], main) && time.GetUtcNow() < idle.Until
            && idle.Sessions.All.All(s => s.IsConnected)
            ? idle.Sessions
            : null;

    private void CloseIdle()
    {
        if (_idle is { } idle)
        {
            _idle = null;
            _ = CloseAsync(Task.FromResult(idle.Sessions));
        }
    }

    private void CloseOpening()
    {
        if (_opening is { } opening)
        {
            _opening = null;
            _ = CloseAsync(opening.Sessions);
        }
    }

    private static async Task CloseAsync(Task<BulkSessions> sessions)
    {
        try
        {
            await (await sessions.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
