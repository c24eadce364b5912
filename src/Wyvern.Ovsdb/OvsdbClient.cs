using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Wyvern.Ovsdb.Errors;
using Wyvern.Ovsdb.Monitoring;
using Wyvern.Ovsdb.Rpc;
using Wyvern.Ovsdb.Schema;
using Wyvern.Ovsdb.Transactions;

namespace Wyvern.Ovsdb;

/// <summary>
/// An RFC 7047 client that stays connected: it reconnects with exponential back-off when the
/// server goes away, then re-reads the schema, re-establishes every monitor (each delivers a
/// <see cref="OvsdbMonitorUpdateKind.Resync"/>) and re-requests its locks, before requests are
/// accepted again. Requests made while disconnected fail fast with
/// <see cref="OvsdbConnectionException"/>; the caller decides whether to retry.
/// </summary>
public sealed partial class OvsdbClient : IAsyncDisposable
{
    private readonly OvsdbClientOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, OvsdbMonitor> _monitors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OvsdbSchema> _schemas = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _locks = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _sessionLock = new(1, 1);
    private readonly object _stateGate = new();
    private TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile OvsdbConnection? _connection;
    private bool? _monitorCondSupported;
    private long _nextMonitorId;
    private long _generation;
    private Task _supervisor = Task.CompletedTask;

    private OvsdbClient(OvsdbEndpoint endpoint, OvsdbClientOptions options)
    {
        Endpoint = endpoint;
        _options = options;
    }

    /// <summary>Raised (on the read loop) when the server grants a lock this client asked for
    /// (<c>locked</c> notification, RFC 7047 §4.1.9).</summary>
    public event EventHandler<string>? LockAcquired;

    /// <summary>Raised (on the read loop) when another client steals a lock (<c>stolen</c>).</summary>
    public event EventHandler<string>? LockStolen;

    /// <summary>The server's address.</summary>
    public OvsdbEndpoint Endpoint { get; }

    /// <summary>True while a session is up: requests are accepted (monitors may still be being restored).</summary>
    public bool IsConnected => _connection is not null;

    /// <summary>Counts sessions: 1 after the first connect, +1 per reconnect.</summary>
    public long ConnectionGeneration => Interlocked.Read(ref _generation);

    /// <summary>Connects, waiting (with back-off) until the server answers or
    /// <paramref name="cancellationToken"/> fires; then stays connected until disposed.</summary>
    public static async Task<OvsdbClient> ConnectAsync(
        OvsdbEndpoint endpoint, OvsdbClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var client = new OvsdbClient(endpoint, options ?? new OvsdbClientOptions());
        client._supervisor = Task.Run(client.SuperviseAsync, CancellationToken.None);
        try
        {
            await client.WaitConnectedAsync(cancellationToken);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Completes when a session is up (at once if it is).</summary>
    public Task WaitConnectedAsync(CancellationToken cancellationToken = default)
    {
        lock (_stateGate)
        {
            return _connected.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>RFC 7047 §4.1.1 <c>list_dbs</c>.</summary>
    public async Task<IReadOnlyList<string>> ListDatabasesAsync(CancellationToken cancellationToken = default)
    {
        var result = await CallAsync("list_dbs", WriteEmptyArray, cancellationToken);
        return result.ValueKind == JsonValueKind.Array
            ? [.. result.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : throw new OvsdbProtocolException("list_dbs result must be an array");
    }

    /// <summary>RFC 7047 §4.1.2 <c>get_schema</c>, cached for the session.</summary>
    public async Task<OvsdbSchema> GetSchemaAsync(string database, CancellationToken cancellationToken = default)
    {
        if (_schemas.TryGetValue(database, out var cached))
        {
            return cached;
        }

        var connection = _connection ?? throw NotConnected();
        return await FetchSchemaAsync(connection, database, cancellationToken);
    }

    /// <summary>RFC 7047 §4.1.3 <c>transact</c>. A failed operation or commit throws
    /// <see cref="OvsdbTransactionException"/> naming it.</summary>
    public async Task<OvsdbTransactResult> TransactAsync(
        string database, IReadOnlyList<OvsdbOperation> operations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operations);
        return await CallAsync(
            "transact",
            w =>
            {
                w.WriteStartArray();
                w.WriteStringValue(database);
                foreach (var operation in operations)
                {
                    operation.WriteTo(w);
                }

                w.WriteEndArray();
            },
            result => OvsdbTransactResult.Parse(result, operations),
            cancellationToken);
    }

    /// <summary>RFC 7047 §4.1.11 <c>echo</c>: round-trips <paramref name="payload"/> (strings).</summary>
    public async Task<IReadOnlyList<string>> EchoAsync(IReadOnlyList<string> payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var result = await CallAsync("echo", w => WriteStrings(w, payload), cancellationToken);
        return result.ValueKind == JsonValueKind.Array
            ? [.. result.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText())]
            : throw new OvsdbProtocolException("echo result must be an array");
    }

    /// <summary>RFC 7047 §4.1.8 <c>lock</c>: true if granted now; otherwise <see cref="LockAcquired"/>
    /// fires when it is. The lock is re-requested after a reconnect until <see cref="UnlockAsync"/>.</summary>
    public async Task<bool> LockAsync(string lockId, CancellationToken cancellationToken = default)
    {
        _locks[lockId] = true;
        return ParseLocked(await CallAsync("lock", w => WriteStrings(w, [lockId]), cancellationToken));
    }

    /// <summary>RFC 7047 §4.1.8 <c>steal</c>: takes the lock from its owner.</summary>
    public async Task<bool> StealAsync(string lockId, CancellationToken cancellationToken = default)
    {
        _locks[lockId] = true;
        return ParseLocked(await CallAsync("steal", w => WriteStrings(w, [lockId]), cancellationToken));
    }

    /// <summary>RFC 7047 §4.1.10 <c>unlock</c>.</summary>
    public async Task UnlockAsync(string lockId, CancellationToken cancellationToken = default)
    {
        _locks.TryRemove(lockId, out _);
        await CallAsync("unlock", w => WriteStrings(w, [lockId]), cancellationToken);
    }

    /// <summary>
    /// Starts a monitor (<c>monitor_cond</c>, or <c>monitor</c> if the server lacks it). Returns
    /// once the initial snapshot is in <see cref="OvsdbMonitor.View"/> (and queued as the first
    /// update). The monitor survives reconnects until disposed.
    /// </summary>
    public async Task<OvsdbMonitor> MonitorAsync(
        string database, IReadOnlyList<OvsdbMonitorRequest> tables, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var id = "wy-monitor-" + Interlocked.Increment(ref _nextMonitorId).ToString(CultureInfo.InvariantCulture);
        var monitor = new OvsdbMonitor(this, id, database, tables);
        await _sessionLock.WaitAsync(cancellationToken);
        try
        {
            var connection = _connection ?? throw NotConnected();

            // Registered before the request: the first update2 may follow the reply at once,
            // and the read loop routes it by id.
            _monitors[id] = monitor;
            try
            {
                await EstablishAsync(connection, monitor, cancellationToken);
            }
            catch
            {
                _monitors.TryRemove(id, out _);
                throw;
            }
        }
        finally
        {
            _sessionLock.Release();
        }

        return monitor;
    }

    /// <summary>Stops reconnecting, cancels nothing on the server (the session just ends).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync();

        // Whatever the supervisor was doing when stopped (connecting, backing off) ends with
        // an exception that only says "stopped".
        await _supervisor.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        if (_connection is { } connection)
        {
            await connection.DisposeAsync();
        }

        _stop.Dispose();
    }

    internal async Task CancelMonitorAsync(OvsdbMonitor monitor)
    {
        if (!_monitors.TryRemove(monitor.Id, out _) || _connection is not { } connection)
        {
            return;
        }

        try
        {
            await connection.CallAsync("monitor_cancel", w => WriteStrings(w, [monitor.Id]), OvsdbConnection.IgnoreResult, CancellationToken.None);
        }
        catch (OvsdbException)
        {
            // Session gone: the server forgot the monitor with it.
        }
    }

    // For the small results (list_dbs, echo, lock): an element that owns its bytes.
    private Task<JsonElement> CallAsync(string method, Action<Utf8JsonWriter> writeParams, CancellationToken cancellationToken) =>
        CallAsync(method, writeParams, JsonRpcMessage.ToElement, cancellationToken);

    private async Task<T> CallAsync<T>(
        string method, Action<Utf8JsonWriter> writeParams, OvsdbConnection.ResultReader<T> read, CancellationToken cancellationToken)
    {
        var connection = _connection ?? throw NotConnected();
        return await connection.CallAsync(method, writeParams, read, cancellationToken);
    }

    private async Task<OvsdbSchema> FetchSchemaAsync(OvsdbConnection connection, string database, CancellationToken cancellationToken)
    {
        var schema = await connection.CallAsync(
            "get_schema", w => WriteStrings(w, [database]), json => OvsdbSchema.Parse(JsonRpcMessage.ToElement(json)), cancellationToken);
        _schemas[database] = schema;
        return schema;
    }

    private async Task EstablishAsync(OvsdbConnection connection, OvsdbMonitor monitor, CancellationToken cancellationToken)
    {
        var schema = _schemas.TryGetValue(monitor.Database, out var cached)
            ? cached
            : await FetchSchemaAsync(connection, monitor.Database, cancellationToken);
        if (_monitorCondSupported != false)
        {
            try
            {
                await connection.CallAsync(
                    "monitor_cond",
                    w => monitor.WriteParams(w, conditional: true, schema),
                    result => ApplySnapshot(monitor, result, version2: true, schema),
                    cancellationToken);
                _monitorCondSupported = true;
                return;
            }
            catch (OvsdbRpcException e) when (e.Error.Contains("unknown method", StringComparison.Ordinal))
            {
                _monitorCondSupported = false;
            }
        }

        await connection.CallAsync(
            "monitor",
            w => monitor.WriteParams(w, conditional: false, schema),
            result => ApplySnapshot(monitor, result, version2: false, schema),
            cancellationToken);
    }

    private static bool ApplySnapshot(OvsdbMonitor monitor, ReadOnlySpan<byte> result, bool version2, OvsdbSchema schema)
    {
        monitor.ApplySnapshot(result, version2, schema);
        return true;
    }

    private static bool ParseLocked(JsonElement result) =>
        result.ValueKind == JsonValueKind.Object && result.TryGetProperty("locked", out var locked)
            ? locked.ValueKind == JsonValueKind.True
            : throw new OvsdbProtocolException("lock result must be {\"locked\": boolean}");

    private static void WriteEmptyArray(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        writer.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter writer, IReadOnlyList<string> strings)
    {
        writer.WriteStartArray();
        foreach (var s in strings)
        {
            writer.WriteStringValue(s);
        }

        writer.WriteEndArray();
    }

    private OvsdbConnectionException NotConnected() =>
        new($"not connected to the OVSDB server at {Endpoint} (reconnecting)");
}
