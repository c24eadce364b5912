using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Wyvern.OpenFlow.Channel;

/// <summary>
/// Accepts switch connections on TCP and unix sockets (Open vSwitch connects to
/// its controller, OF 1.3.5 §6.3.1) and hands out a <see cref="SwitchSession"/>
/// for each connection that completes HELLO and FEATURES. A switch that
/// reconnects appears as a new session; the old one's Completion finishes.
/// </summary>
public sealed class OpenFlowListener : IAsyncDisposable
{
    private readonly OpenFlowChannelOptions _options;
    private readonly List<Socket> _listeners = [];
    private readonly List<Task> _acceptLoops = [];
    private readonly List<string> _unixPaths = [];
    private readonly ConcurrentDictionary<SwitchSession, byte> _sessions = new();
    private readonly Channel<SwitchSession> _newSessions = System.Threading.Channels.Channel.CreateUnbounded<SwitchSession>();
    private readonly CancellationTokenSource _stopping = new();

    public OpenFlowListener(OpenFlowChannelOptions? options = null)
    {
        _options = options ?? new OpenFlowChannelOptions();
    }

    /// <summary>Every session that completed its handshake, in order.</summary>
    public ChannelReader<SwitchSession> Sessions => _newSessions.Reader;

    /// <summary>Sessions currently connected.</summary>
    public IReadOnlyCollection<SwitchSession> ActiveSessions => [.. _sessions.Keys.Where(s => s.IsConnected)];

    /// <summary>Listens on TCP; returns the bound endpoint (useful with port 0).</summary>
    public IPEndPoint ListenTcp(IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Bind(endpoint);
        socket.Listen(128);
        Start(socket);
        return (IPEndPoint)socket.LocalEndPoint!;
    }

    /// <summary>Listens on a unix socket at <paramref name="path"/> (a stale file there is replaced).</summary>
    public void ListenUnix(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        File.Delete(path);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        socket.Listen(128);
        _unixPaths.Add(path);
        Start(socket);
    }

    /// <summary>Waits for the next session.</summary>
    public ValueTask<SwitchSession> AcceptAsync(CancellationToken cancellationToken = default) => _newSessions.Reader.ReadAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }

        try
        {
            await Task.WhenAll(_acceptLoops).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Accept loops end with the disposed sockets.
        }

        foreach (var session in _sessions.Keys)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var path in _unixPaths)
        {
            try
            {
                File.Delete(path);
            }
            catch (DirectoryNotFoundException)
            {
                // The directory holding the socket is already gone.
            }
        }

        _newSessions.Writer.TryComplete();
        _stopping.Dispose();
    }

    private void Start(Socket listener)
    {
        _listeners.Add(listener);
        _acceptLoops.Add(Task.Run(() => AcceptLoopAsync(listener)));
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (socket.AddressFamily != AddressFamily.Unix)
            {
                socket.NoDelay = true;
            }

            _ = Task.Run(() => HandshakeAsync(socket));
        }
    }

    private async Task HandshakeAsync(Socket socket)
    {
        var session = new SwitchSession(socket, _options);
        if (!await session.HandshakeAsync(_stopping.Token).ConfigureAwait(false))
        {
            await session.DisposeAsync().ConfigureAwait(false);
            return;
        }

        _sessions.TryAdd(session, 0);
        _ = session.Completion.ContinueWith(t => _sessions.TryRemove(session, out var unused), TaskScheduler.Default);
        _newSessions.Writer.TryWrite(session);
    }
}
