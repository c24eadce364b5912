using Microsoft.Extensions.Logging;
using Wyvern.OpenFlow.Channel;
using Wyvern.OpenFlow.Messages;

namespace Wyvern.Controller;

/// <summary>
/// The switch connections one large sync writes over: the controller's own
/// session plus extra service connections to the bridge (kept between syncs by
/// <see cref="BulkSessionPool"/>).
/// <para>
/// Why: ovs-vswitchd reads at most 50 OpenFlow messages per connection per
/// pass of its main loop (<c>ofconn_run</c> in <c>ofproto/connmgr.c</c>), and
/// with a userspace datapath a pass costs time in proportion to the ports (it
/// polls every port's receive queue). One connection therefore installs a
/// first sync of 140,000 flow mods at 10,000 ports in minutes; 32
/// connections, each with its own bundles, in seconds (docs/benchmarks.md,
/// "Controller scale"). A bundle belongs to the connection that opened it,
/// so each part of the diff stays atomic on its own.
/// </para>
/// </summary>
internal sealed class BulkSessions : IAsyncDisposable
{
    private readonly List<SwitchSession> _extra;

    private BulkSessions(SwitchSession main, List<SwitchSession> extra)
    {
        _extra = extra;
        All = [main, .. extra];
    }

    /// <summary>The main session first, then every extra one that connected.</summary>
    public IReadOnlyList<SwitchSession> All { get; }

    /// <summary>Only the main session (a small diff, or no service socket).</summary>
    public static BulkSessions MainOnly(SwitchSession main) => new(main, []);

    /// <summary>
    /// Opens up to <paramref name="count"/> − 1 extra connections to
    /// <paramref name="target"/> at once. Connections that fail, and any to a
    /// different datapath than <paramref name="main"/>'s, are dropped with a log
    /// line: the sync goes on over what connected, at worst the main session alone.
    /// </summary>
    public static async Task<BulkSessions> OpenAsync(
        SwitchSession main, string? target, int count, OpenFlowChannelOptions options, ILogger logger, CancellationToken ct)
    {
        if (target is null || count <= 1)
        {
            return MainOnly(main);
        }
        var attempts = Enumerable.Range(0, count - 1).Select(_ => TryConnectAsync(target, options, logger, ct)).ToArray();
        var opened = (await Task.WhenAll(attempts)).OfType<SwitchSession>().ToList();
        var extra = new List<SwitchSession>(opened.Count);
        foreach (var s in opened)
        {
            if (s.DatapathId == main.DatapathId)
            {
                // No packet-ins, port status or flow-removed messages here: nobody reads this
                // connection's events, and it may stay open between syncs (BulkSessionPool).
                try
                {
                    await s.SendAsync(new SetAsync(new AsyncMasks(0, 0, 0, 0, 0, 0)), ct);
                    extra.Add(s);
                }
                catch (Exception e) when (e is SwitchDisconnectedException or IOException)
                {
                    logger.LogDebug("bulk install connection to {Target} failed: {Error}", target, e.Message);
                    await s.DisposeAsync();
                }
                continue;
            }
            logger.LogWarning("{Target} is datapath {Other:x16}, not the controller's switch {Main:x16}; not used for bulk installs",
                target, s.DatapathId, main.DatapathId);
            await s.DisposeAsync();
        }
        return new BulkSessions(main, extra);
    }

    /// <summary>
    /// Flows one store change compiles to, at least, in practice: a port is ~13, a network or
    /// a router a few. Used only to guess, before compiling, whether a batch will need
    /// several bundles.
    /// </summary>
    private const int MinFlowsPerChange = 8;

    /// <summary>
    /// Whether a store batch of <paramref name="changes"/> is likely to compile to more than
    /// <paramref name="maxPerBundle"/> flow mods (a bulk sync), so that the connections for it
    /// are worth opening while the engine compiles it. A wrong guess costs
    /// little either way: connections opened for nothing are closed, and a bulk sync that was
    /// not foreseen opens its own.
    /// </summary>
    public static bool LikelyNeeded(int changes, int maxPerBundle) => (long)changes * MinFlowsPerChange > maxPerBundle;

    /// <summary>
    /// Flow mods per bundle for <paramref name="flowMods"/> spread over
    /// <paramref name="sessions"/> connections: the fewest parts of at most
    /// <paramref name="maxPerBundle"/> that is a multiple of the sessions, so
    /// every connection gets the same share and finishes at the same time.
    /// </summary>
    public static int PartSize(int flowMods, int sessions, int maxPerBundle)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sessions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerBundle, 1);
        if (flowMods <= 0)
        {
            return maxPerBundle;
        }
        var rounds = (flowMods + (sessions * maxPerBundle) - 1) / (sessions * maxPerBundle);
        var parts = rounds * sessions;
        return Math.Max(1, (flowMods + parts - 1) / parts);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var s in _extra)
        {
            await s.DisposeAsync();
        }
    }

    private static async Task<SwitchSession?> TryConnectAsync(string target, OpenFlowChannelOptions options, ILogger logger, CancellationToken ct)
    {
        try
        {
            return await SwitchConnector.ConnectAsync(target, options, ct);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or SwitchDisconnectedException or IOException or FormatException)
        {
            logger.LogDebug("bulk install connection to {Target} failed: {Error}", target, e.Message);
            return null;
        }
    }
}
