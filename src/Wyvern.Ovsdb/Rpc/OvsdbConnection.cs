using System.Buffers;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text.Json;
using Wyvern.Ovsdb.Errors;

namespace Wyvern.Ovsdb.Rpc;

/// <summary>
/// One JSON-RPC 1.0 session (RFC 7047 §4) over one socket.
/// Invariants: replies are matched to requests by id; a request's result reader and every
/// notification run on the read loop, in arrival order, on the received bytes, before the next
/// message is read (so a monitor's initial snapshot is applied before the first <c>update2</c>
/// that follows it); server requests (<c>echo</c>) are answered; when the session ends, every
/// pending request fails with <see cref="OvsdbConnectionException"/>.
/// </summary>
internal sealed class OvsdbConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<long, PendingCall> _pending = new();
    private readonly NotificationHandler _onNotification;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private long _nextId;
    private long _bytesReceived;
    private Exception? _closeReason;

    private OvsdbConnection(Socket socket, NotificationHandler onNotification)
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

    /// <summary>Handles a notification on the read loop: its method and its params' JSON text
    /// (valid only during the call).</summary>
    public delegate void NotificationHandler(string method, ReadOnlySpan<byte> parameters);

    /// <summary>Reads a result on the read loop from its JSON text (valid only during the call).</summary>
    public delegate T ResultReader<out T>(ReadOnlySpan<byte> result);

    /// <summary>A result reader for requests whose result does not matter.</summary>
    public static bool IgnoreResult(ReadOnlySpan<byte> result) => true;

    /// <summary>Opens a session; <paramref name="onNotification"/> gets (method, params) on the read loop.</summary>
    public static async Task<OvsdbConnection> OpenAsync(
        OvsdbEndpoint endpoint, NotificationHandler onNotification, CancellationToken cancellationToken)
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

    /// <summary>Sends a request and awaits what <paramref name="read"/> makes of its result;
    /// <paramref name="read"/> runs on the read loop, on the reply's bytes.</summary>
    public async Task<T> CallAsync<T>(
        string method, Action<Utf8JsonWriter> writeParams, ResultReader<T> read, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var call = new PendingCall<T>(method, read);
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
                cancelled.Cancel(cancellationToken);
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
                    await DispatchAsync(message);
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
                    call.Fail(Lost());
                }
            }

            _socket.Dispose();
            _closed.TrySetResult();
        }
    }

    // Not async: the message's bytes are read before anything is awaited (they are the
    // framer's, valid until the next message).
    private Task DispatchAsync(ReadOnlyMemory<byte> bytes)
    {
        var json = bytes.Span;
        var message = JsonRpcMessage.Locate(json);
        var id = JsonRpcMessage.Member(json, message.Id);
        var hasId = !JsonRpcMessage.IsNull(id);
        if (message.Method is { } method)
        {
            var parameters = JsonRpcMessage.Member(json, message.Params);
            if (!hasId)
            {
                _onNotification(method, parameters);
                return Task.CompletedTask;
            }

            return AnswerServerRequestAsync(method, message.Params is null ? null : parameters.ToArray(), id.ToArray());
        }

        if (!hasId || !JsonRpcMessage.TryReadCallId(id, out var callId) || !_pending.TryRemove(callId, out var call))
        {
            return Task.CompletedTask; // A reply to a request we gave up on (cancelled): nothing waits for it.
        }

        var error = JsonRpcMessage.Member(json, message.Error);
        if (!JsonRpcMessage.IsNull(error))
        {
            call.Fail(ToRpcException(call.Method, JsonRpcMessage.ToElement(error)));
            return Task.CompletedTask;
        }

        call.Complete(JsonRpcMessage.Member(json, message.Result));
        return Task.CompletedTask;
    }

    // RFC 7047 §4.1.11: the server may send "echo" at any time (its inactivity probe) and
    // drops the session if it is not answered.
    private Task AnswerServerRequestAsync(string method, byte[]? parameters, byte[] id) =>
        SendAsync(
            w =>
            {
                if (method == "echo")
                {
                    w.WritePropertyName("result");
                    if (parameters is null)
                    {
                        w.WriteStartArray();
                        w.WriteEndArray();
                    }
                    else
                    {
                        w.WriteRawValue(parameters, skipInputValidation: true);
                    }

                    w.WriteNull("error");
                }
                else
                {
                    w.WriteNull("result");
                    w.WriteString("error", "unknown method");
                }

                w.WritePropertyName("id");
                w.WriteRawValue(id, skipInputValidation: true);
            },
            _stop.Token);

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

    private abstract class PendingCall(string method)
    {
        public string Method { get; } = method;

        public abstract void Complete(ReadOnlySpan<byte> result);

        public abstract void Fail(Exception error);

        public abstract void Cancel(CancellationToken cancellationToken);
    }

    private sealed class PendingCall<T>(string method, ResultReader<T> read) : PendingCall(method)
    {
        public TaskCompletionSource<T> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        // A result that does not read is that request's failure, never the session's.
        public override void Complete(ReadOnlySpan<byte> result)
        {
            T value;
            try
            {
                value = read(result);
            }
            catch (OvsdbException e)
            {
                Result.TrySetException(e);
                return;
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or JsonException)
            {
                Result.TrySetException(new OvsdbProtocolException($"malformed {Method} result: {e.Message}", e));
                return;
            }

            Result.TrySetResult(value);
        }

        public override void Fail(Exception error) => Result.TrySetException(error);

        public override void Cancel(CancellationToken cancellationToken) => Result.TrySetCanceled(cancellationToken);
    }
}
