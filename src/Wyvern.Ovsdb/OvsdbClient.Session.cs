using System.Text.Json;
using Wyvern.Ovsdb.Errors;
using Wyvern.Ovsdb.Rpc;

namespace Wyvern.Ovsdb;

// The session supervisor: connect, restore, probe, and start over when the session ends.
public sealed partial class OvsdbClient
{
    private async Task SuperviseAsync()
    {
        var delay = _options.ReconnectMinDelay;
        while (!_stop.IsCancellationRequested)
        {
            OvsdbConnection? connection = null;
            try
            {
                connection = await OvsdbConnection.OpenAsync(Endpoint, OnNotification, _stop.Token);
                await _sessionLock.WaitAsync(_stop.Token);
                try
                {
                    // Requests are accepted while the session is restored, so a consumer that
                    // reacts to a monitor's Resync can transact at once.
                    _connection = connection;
                    Interlocked.Increment(ref _generation);
                    await RestoreAsync(connection, _stop.Token);
                }
                finally
                {
                    _sessionLock.Release();
                }
            }
            catch (Exception) when (!_stop.IsCancellationRequested)
            {
                _connection = null;
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }

                await Task.Delay(delay, _options.TimeProvider, _stop.Token);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.ReconnectMaxDelay.Ticks));
                continue;
            }

            delay = _options.ReconnectMinDelay;
            lock (_stateGate)
            {
                _connected.TrySetResult();
            }

            try
            {
                await Task.WhenAny(connection.Closed, ProbeAsync(connection));
            }
            finally
            {
                lock (_stateGate)
                {
                    _connection = null;
                    _connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                await connection.DisposeAsync();
            }
        }
    }

    // A fresh session knows nothing: re-read schemas, re-create monitors (each diffs its old
    // view against the new snapshot and delivers a Resync), re-request locks.
    private async Task RestoreAsync(OvsdbConnection connection, CancellationToken cancellationToken)
    {
        _schemas.Clear();
        _monitorCondSupported = null;
        foreach (var monitor in _monitors.Values.OrderBy(m => m.Id, StringComparer.Ordinal))
        {
            await EstablishAsync(connection, monitor, cancellationToken);
        }

        foreach (var lockId in _locks.Keys)
        {
            await connection.CallAsync("lock", w => WriteStrings(w, [lockId]), OvsdbConnection.IgnoreResult, cancellationToken);
        }
    }

    // RFC 7047 §4.1.11: echo doubles as a liveness probe. A probe unanswered for an interval
    // in which nothing at all arrived means the peer is gone even if the socket has not
    // noticed yet.
    private async Task ProbeAsync(OvsdbConnection connection)
    {
        if (_options.EchoInterval <= TimeSpan.Zero)
        {
            await Task.Delay(Timeout.Infinite, _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return;
        }

        try
        {
            while (!_stop.IsCancellationRequested && !connection.Closed.IsCompleted)
            {
                await Task.Delay(_options.EchoInterval, _options.TimeProvider, _stop.Token);
                var probe = connection.CallAsync("echo", w => WriteStrings(w, ["wy-probe"]), OvsdbConnection.IgnoreResult, _stop.Token);
                while (true)
                {
                    var received = connection.BytesReceived;
                    if (await Task.WhenAny(probe, Task.Delay(_options.EchoInterval, _options.TimeProvider, _stop.Token)) == probe)
                    {
                        await probe;
                        break;
                    }

                    if (connection.BytesReceived == received)
                    {
                        // Silence for a whole interval: the peer is gone. The probe fails when the
                        // session is torn down; observe that so it is not reported as unobserved.
                        _ = probe.ContinueWith(static t => t.Exception, TaskScheduler.Default);
                        return;
                    }

                    // Still receiving (e.g. a large snapshot ahead of the echo reply): alive.
                }
            }
        }
        catch (Exception e) when (e is OvsdbException or OperationCanceledException)
        {
            // Probe failed or client stopping: the supervisor ends this session.
        }
    }

    // params: [monitor-id, table-updates] for update2/update (RFC 7047 §4.1.6, ovsdb-server(7)
    // §4.1.14), [lock-id] for locked/stolen (§4.1.9). Table-updates are handed on as bytes.
    private void OnNotification(string method, ReadOnlySpan<byte> parameters)
    {
        var reader = new Utf8JsonReader(parameters);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray
            || !reader.Read() || reader.TokenType != JsonTokenType.String)
        {
            return;
        }

        var id = reader.GetString()!;
        switch (method)
        {
            case "update2" or "update":
                if (reader.Read() && reader.TokenType != JsonTokenType.EndArray && _monitors.TryGetValue(id, out var monitor))
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    monitor.ApplyNotification(parameters[start..(int)reader.BytesConsumed], version2: method == "update2");
                }

                break;
            case "locked":
                LockAcquired?.Invoke(this, id);
                break;
            case "stolen":
                LockStolen?.Invoke(this, id);
                break;
        }
    }
}
