using System.Buffers;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text.Json;
using Wyvern.Ovsdb.Errors;

namespace Wyvern.Ovsdb.Rpc;

/// <summary>
/// One JSON-RPC 1.0 session (RFC 7047 §4) over one socket.
/// Invariants: replies are matched to requests by id; a request's
/// <c>onResult</c> hook and every notification run on the read loop, in arrival order,
/// before the next message is read (so a monitor's initial snapshot is applied before the
/// first <c>update2</c> that follows it); server requests (<c>echo</c>) are answered;
/// when the session ends, every pending request fails with <see cref="OvsdbConnectionException"/>.
/// </summary>
internal sealed class OvsdbConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<long, PendingCall> _pending = new();
    private readonly Action<string, JsonElement> _onNotification;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private long _nextId;
    private long _bytesReceived;
    private Exception? _closeReason;

    private OvsdbConnection(Socket socket, Action<string, JsonElement> onNotification)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _onNotification = onNotification;
    }

    /// <summary>Bytes read so far: any traffic shows the peer is alive, even when a probe's reply
    /// is still queued behind a large message.</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>Completes when the session has ended (peer closed, error, or dispose).</summary>
    public Task Closed => _closed.Task;

    /// <summary>Opens a session; <paramref name="onNotification"/> gets (method, params) on the read loop.</summary>
    public static async Task<OvsdbConnection> OpenAsync(
        OvsdbEndpoint endpoint, Action<string, JsonElement> onNotification, CancellationToken cancellationToken)
    {
        var socket = endpoint.IsUnix
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(endpoint.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint.EndPoint, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var connection = new OvsdbConnection(socket, onNotification);
        _ = Task.Run(connection.ReadLoopAsync, CancellationToken.None);
        return connection;
    }

    /// <summary>Sends a request and awaits its result. <paramref name="onResult"/>, if given,
    /// runs on the read loop with the result before the task completes.</summary>
    public async Task<JsonElement> CallAsync(
        string method, Action<Utf8JsonWriter> writeParams, Action<JsonElement>? onResult, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var call = new PendingCall(method, onResult);
        _pending[id] = call;
        if (_closed.Task.IsCompleted)
        {
            _pending.TryRemove(id, out _);
            throw Lost();
        }

        try
        {
            await SendAsync(
                w =>
                {
                    w.WriteString("method", method);
                    w.WritePropertyName("params");
                    writeParams(w);
                    w.WriteNumber("id", id);
                },
                cancellationToken);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            _pending.TryRemove(id, out _);
            throw new OvsdbConnectionException($"sending {method} failed: {e.Message}", e);
        }

        using var registration = cancellationToken.Register(() =>
        {
            if (_pending.TryRemove(id, out var cancelled))
            {
                cancelled.Result.TrySetCanceled(cancellationToken);
            }
        });
        return await call.Result.Task;
    }

    /// <summary>Ends the session.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        try
        {
            await _closed.Task;
        }
        catch (OvsdbException)
        {
            // The session is over either way.
        }

        _stream.Dispose();
        _stop.Dispose();
        _writeLock.Dispose();
    }

    private async Task SendAsync(Action<Utf8JsonWriter> writeMembers, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        }

        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await _stream.WriteAsync(buffer.WrittenMemory, cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        var framer = new JsonStreamFramer();
        try
        {
            while (true)
            {
                var n = await _stream.ReadAsync(framer.GetWriteMemory(), _stop.Token);
                if (n == 0)
                {
                    throw new OvsdbConnectionException("the OVSDB server closed the connection");
                }

                framer.Advance(n);
                Interlocked.Add(ref _bytesReceived, n);
                while (framer.TryReadMessage(out var message))
                {
                    using (message)
                    {
                        await DispatchAsync(message!.RootElement);
                    }
                }
            }
        }
        catch (Exception e)
        {
            _closeReason = e is OvsdbException ? e : new OvsdbConnectionException("OVSDB connection lost: " + e.Message, e);
        }
        finally
        {
            foreach (var id in _pending.Keys)
            {
                if (_pending.TryRemove(id, out var call))
                {
                    call.Result.TrySetException(Lost());
                }
            }

            _socket.Dispose();
            _closed.TrySetResult();
        }
    }

    private async Task DispatchAsync(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            throw new OvsdbProtocolException("a JSON-RPC message must be an object");
        }

        var hasId = message.TryGetProperty("id", out var id) && id.ValueKind != JsonValueKind.Null;
        if (message.TryGetProperty("method", out var method) && method.ValueKind == JsonValueKind.String)
        {
            var parameters = message.TryGetProperty("params", out var p) ? p : default;
            if (!hasId)
            {
                _onNotification(method.GetString()!, parameters);
                return;
            }

            await AnswerServerRequestAsync(method.GetString()!, parameters, id);
            return;
        }

        if (!hasId || id.ValueKind != JsonValueKind.Number || !id.TryGetInt64(out var callId) || !_pending.TryRemove(callId, out var call))
        {
            return; // A reply to a request we gave up on (cancelled): nothing waits for it.
        }

        if (message.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
        {
            call.Result.TrySetException(ToRpcException(call.Method, error));
            return;
        }

        var result = message.TryGetProperty("result", out var r) ? r.Clone() : default;
        try
        {
            call.OnResult?.Invoke(result);
            call.Result.TrySetResult(result);
        }
        catch (OvsdbException e)
        {
            call.Result.TrySetException(e);
        }
    }

    // RFC 7047 §4.1.11: the server may send "echo" at any time (its inactivity probe) and
    // drops the session if it is not answered.
    private Task AnswerServerRequestAsync(string method, JsonElement parameters, JsonElement id)
    {
        var paramsCopy = parameters.ValueKind == JsonValueKind.Undefined ? default : parameters.Clone();
        var idCopy = id.Clone();
        return SendAsync(
            w =>
            {
                if (method == "echo")
                {
                    w.WritePropertyName("result");
                    if (paramsCopy.ValueKind == JsonValueKind.Undefined)
                    {
                        w.WriteStartArray();
                        w.WriteEndArray();
                    }
                    else
                    {
                        paramsCopy.WriteTo(w);
                    }

                    w.WriteNull("error");
                }
                else
                {
                    w.WriteNull("result");
                    w.WriteString("error", "unknown method");
                }

                w.WritePropertyName("id");
                idCopy.WriteTo(w);
            },
            _stop.Token);
    }

    private static OvsdbRpcException ToRpcException(string method, JsonElement error)
    {
        if (error.ValueKind == JsonValueKind.String)
        {
            return new OvsdbRpcException(method, error.GetString()!, null);
        }

        var text = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String
            ? e.GetString()!
            : error.GetRawText();
        var details = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.String
            ? d.GetString()
            : null;
        return new OvsdbRpcException(method, text, details);
    }

    private OvsdbConnectionException Lost() =>
        _closeReason as OvsdbConnectionException
        ?? new OvsdbConnectionException("OVSDB connection lost" + (_closeReason is null ? "" : ": " + _closeReason.Message), _closeReason ?? new IOException("closed"));

    private sealed record PendingCall(string Method, Action<JsonElement>? OnResult)
    {
        public TaskCompletionSource<JsonElement> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
