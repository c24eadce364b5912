using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Wyvern.OpenFlow.Messages;

namespace Wyvern.OpenFlow.Channel;

/// <summary>
/// One OpenFlow 1.3 connection from a switch, after HELLO and FEATURES.
/// Invariants: every request gets a fresh non-zero xid; a reply or error is
/// delivered to the request with its xid, anything else (PACKET_IN,
/// PORT_STATUS, FLOW_REMOVED, errors nobody waits for) goes to
/// <see cref="Events"/>; messages are written whole and in call order under
/// one lock, so a barrier written after a batch is answered after every error
/// of that batch (OF 1.3.5 §6.2). A reconnect is a new session.
/// </summary>
public sealed partial class SwitchSession : IAsyncDisposable
{
    private static long _lastSessionId;

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly OpenFlowChannelOptions _options;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<uint, PendingRequest> _pending = new();
    private readonly ConcurrentDictionary<PendingBatch, byte> _batches = new();
    private readonly Channel<OfpMessage> _events = System.Threading.Channels.Channel.CreateUnbounded<OfpMessage>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly TaskCompletionSource<Hello> _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _closing = new();
    private int _nextXid;
    private long _lastReceivedTimestamp;
    private long _lastWriteProgressTimestamp;
    private int _writesInProgress;
    private Task _receiveLoop = Task.CompletedTask;
    private Task _keepAliveLoop = Task.CompletedTask;

    internal SwitchSession(Socket socket, OpenFlowChannelOptions options)
    {
        _socket = socket;
        _options = options;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _input = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 65536));
        _output = PipeWriter.Create(_stream, new StreamPipeWriterOptions(minimumBufferSize: 65536));
        SessionId = Interlocked.Increment(ref _lastSessionId);
        RemoteEndPoint = socket.RemoteEndPoint;
    }

    /// <summary>Unique per connection (a reconnecting switch gets a new id).</summary>
    public long SessionId { get; }

    /// <summary>The switch's address (null or empty for unix sockets).</summary>
    public EndPoint? RemoteEndPoint { get; }

    /// <summary>The FEATURES_REPLY of the handshake.</summary>
    public FeaturesReply Features { get; private set; } = null!;

    /// <summary>The switch's datapath id.</summary>
    public ulong DatapathId => Features.DatapathId;

    /// <summary>Asynchronous messages from the switch: PACKET_IN, PORT_STATUS, FLOW_REMOVED, uncorrelated errors. Completes on disconnect.</summary>
    public ChannelReader<OfpMessage> Events => _events.Reader;

    /// <summary>Completes, with the reason, when the connection is closed.</summary>
    public Task<string> Completion => _completion.Task;

    /// <summary>True until the connection closes.</summary>
    public bool IsConnected => !_completion.Task.IsCompleted;

    /// <summary>Frames from the switch that could not be decoded (skipped).</summary>
    public long DecodeErrors => Interlocked.Read(ref _decodeErrors);

    private long _decodeErrors;

    public override string ToString() => $"switch {DatapathId:x16} (session {SessionId})";

    /// <summary>Closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        Close("closed by controller");
        try
        {
            await Task.WhenAll(_receiveLoop, _keepAliveLoop).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The loops end by cancellation or a socket error; both are expected here.
        }

        _closing.Dispose();
        _writeLock.Dispose();
    }

    /// <summary>Runs HELLO negotiation and FEATURES; false (and closed) if the switch does not speak 1.3 in time.</summary>
    internal async Task<bool> HandshakeAsync(CancellationToken cancellationToken)
    {
        _lastReceivedTimestamp = Environment.TickCount64;
        _receiveLoop = Task.Run(ReceiveLoopAsync, CancellationToken.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        timeout.CancelAfter(_options.HandshakeTimeout);
        try
        {
            await SendAsync(Hello.OpenFlow13, timeout.Token).ConfigureAwait(false);
            var hello = await _hello.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
            if (!hello.Supports(OfpHeader.Version13))
            {
                // OF 1.3.5 §6.3.1: no common version → HELLO_FAILED / INCOMPATIBLE, then close.
                await SendAsync(new ErrorMessage(0, 0, System.Text.Encoding.ASCII.GetBytes("only OpenFlow 1.3 is supported")), timeout.Token).ConfigureAwait(false);
                Close("no common OpenFlow version");
                return false;
            }

            Features = (FeaturesReply)await RequestAsync(new FeaturesRequest(), timeout.Token).ConfigureAwait(false);
            _keepAliveLoop = Task.Run(KeepAliveLoopAsync, CancellationToken.None);
            return true;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SwitchDisconnectedException or IOException or InvalidCastException)
        {
            Close($"handshake failed: {ex.Message}");
            return false;
        }
    }

    private void Close(string reason)
    {
        if (!_completion.TrySetResult(reason))
        {
            return;
        }

        try
        {
            _closing.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }

        _socket.Dispose();
        _events.Writer.TryComplete();
        _hello.TrySetException(new SwitchDisconnectedException(reason));
        foreach (var pending in _pending.Values)
        {
            pending.Fail(new SwitchDisconnectedException(reason));
        }

        _pending.Clear();
    }
}
