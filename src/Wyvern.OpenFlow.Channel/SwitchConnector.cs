using System.Net;
using System.Net.Sockets;

namespace Wyvern.OpenFlow.Channel;

/// <summary>
/// Opens OpenFlow connections to a switch that listens (the other direction
/// from <see cref="OpenFlowListener"/>). Open vSwitch listens on
/// <c>punix:RUNDIR/BRIDGE.mgmt</c> for every bridge, the socket
/// <c>ovs-ofctl</c> uses; connections there are "service" connections
/// (ovs-vswitchd(8)) and may modify flows like the controller connection.
/// </summary>
public static class SwitchConnector
{
    /// <summary>
    /// Connects to <paramref name="target"/> (<c>unix:PATH</c> or
    /// <c>tcp:IP:PORT</c>) and runs HELLO and FEATURES; the session is
    /// connected when this returns.
    /// </summary>
    /// <exception cref="FormatException">The target is neither form.</exception>
    /// <exception cref="SocketException">Nothing listens there.</exception>
    /// <exception cref="SwitchDisconnectedException">The peer does not complete an OpenFlow 1.3 handshake in time.</exception>
    public static async Task<SwitchSession> ConnectAsync(string target, OpenFlowChannelOptions? options = null, CancellationToken cancellationToken = default)
    {
        var endpoint = ParseTarget(target);
        var socket = endpoint is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var session = new SwitchSession(socket, options ?? new OpenFlowChannelOptions());
        if (!await session.HandshakeAsync(cancellationToken).ConfigureAwait(false))
        {
            var reason = await session.Completion.ConfigureAwait(false);
            await session.DisposeAsync().ConfigureAwait(false);
            throw new SwitchDisconnectedException($"no OpenFlow 1.3 handshake with {target}: {reason}");
        }

        return session;
    }

    /// <summary>
    /// Parses <c>unix:PATH</c> or <c>tcp:IP:PORT</c>. Port 0 is accepted only when
    /// <paramref name="anyPort"/> (a listener that lets the system choose).
    /// </summary>
    /// <exception cref="FormatException">Neither form.</exception>
    public static EndPoint ParseTarget(string target, bool anyPort = false)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.StartsWith("unix:", StringComparison.Ordinal) && target.Length > "unix:".Length)
        {
            return new UnixDomainSocketEndPoint(target["unix:".Length..]);
        }

        if (target.StartsWith("tcp:", StringComparison.Ordinal) && IPEndPoint.TryParse(target["tcp:".Length..], out var ip) && (anyPort || ip.Port != 0))
        {
            return ip;
        }

        throw new FormatException($"OpenFlow address '{target}' is neither unix:PATH nor tcp:IP:PORT");
    }
}
