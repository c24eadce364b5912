using System.Buffers;
using Wyvern.OpenFlow.Framing;
using Wyvern.OpenFlow.Messages;

namespace Wyvern.OpenFlow.Channel;

/// <summary>The receive side: framing, dispatch by xid, echo, keep-alive.</summary>
public sealed partial class SwitchSession
{
    private async Task ReceiveLoopAsync()
    {
        var frames = new OfpFrameReader(_options.MaxFrameLength);
        var reason = "switch closed the connection";
        try
        {
            while (true)
            {
                var result = await _input.ReadAsync(_closing.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (true)
                {
                    var status = frames.TryRead(ref buffer, out var frame, out _, out var error);
                    if (status == OfpFrameStatus.NeedMoreData)
                    {
                        break;
                    }

                    if (status == OfpFrameStatus.Error)
                    {
                        reason = $"invalid OpenFlow stream: {error}";
                        return;
                    }

                    Interlocked.Exchange(ref _lastReceivedTimestamp, Environment.TickCount64);
                    if (Decode(frame) is { } message)
                    {
                        await DispatchAsync(message).ConfigureAwait(false);
                    }
                }

                _input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            reason = "closed";
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or System.Net.Sockets.SocketException or SwitchDisconnectedException)
        {
            reason = $"connection lost: {ex.Message}";
        }
        finally
        {
            Close(reason);
        }
    }

    private OfpMessage? Decode(ReadOnlySequence<byte> frame)
    {
        byte[]? rented = null;
        try
        {
            ReadOnlySpan<byte> bytes;
            if (frame.IsSingleSegment)
            {
                bytes = frame.FirstSpan;
            }
            else
            {
                rented = ArrayPool<byte>.Shared.Rent((int)frame.Length);
                frame.CopyTo(rented);
                bytes = rented.AsSpan(0, (int)frame.Length);
            }

            return OfpMessageDecoder.Decode(bytes);
        }
        catch (OfpDecodeException)
        {
            // The frame boundary is intact, so one bad message does not end the session.
            Interlocked.Increment(ref _decodeErrors);
            return null;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private async ValueTask DispatchAsync(OfpMessage message)
    {
        switch (message)
        {
            case Hello hello:
                _hello.TrySetResult(hello);
                return;
            case EchoRequest echo:
                await WriteAsync([new EchoReply(echo.Data)], echo.Xid, _closing.Token).ConfigureAwait(false);
                return;
            case ErrorMessage error when _pending.TryRemove(error.Xid, out var failed):
                failed.Fail(new OpenFlowErrorException(error, failed.Request));
                return;
            case ErrorMessage error when TryAddToBatch(error):
                return;
            case PacketIn or NxPacketIn2 or PortStatus or FlowRemoved or ErrorMessage:
                _events.Writer.TryWrite(message);
                return;
        }

        if (_pending.TryGetValue(message.Xid, out var pending))
        {
            if (pending.Accept(message))
            {
                _pending.TryRemove(message.Xid, out _);
            }

            return;
        }

        if (message is not EchoReply)
        {
            _events.Writer.TryWrite(message);
        }
    }

    private bool TryAddToBatch(ErrorMessage error)
    {
        foreach (var batch in _batches.Keys)
        {
            if (batch.TryAdd(error))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// OF 1.3.5 §6.3.2: echo when idle, and drop a peer that stays silent. While
    /// a write is under way (a large install), no echo is sent (it would wait
    /// behind the write, and the switch answers in order), and the peer counts
    /// as alive as long as it keeps taking our data; one that neither reads nor
    /// sends for the dead-peer timeout is dropped, so a write to a hung switch
    /// cannot hang the caller.
    /// </summary>
    private async Task KeepAliveLoopAsync()
    {
        var period = TimeSpan.FromMilliseconds(Math.Max(10, Math.Min(_options.EchoInterval.TotalMilliseconds, _options.DeadPeerTimeout.TotalMilliseconds) / 4));
        using var timer = new PeriodicTimer(period);
        var keepAlive = new KeepAlive(_options);
        try
        {
            while (await timer.WaitForNextTickAsync(_closing.Token).ConfigureAwait(false))
            {
                var now = Environment.TickCount64;
                // Signs of life: a message from the peer, or the peer taking a chunk of our data
                // (what we wrote last may still sit in the socket buffers after the write returns).
                var writing = Volatile.Read(ref _writesInProgress) > 0;
                switch (keepAlive.Tick(now, Interlocked.Read(ref _lastReceivedTimestamp), Interlocked.Read(ref _lastWriteProgressTimestamp), writing))
                {
                    case KeepAliveAction.Close:
                        Close(writing
                            ? $"dead peer: it took none of our data and sent nothing for {keepAlive.Idle} ms"
                            : $"dead peer: no message for {keepAlive.Idle} ms");
                        return;
                    case KeepAliveAction.SendEcho when TryStartEcho():
                        keepAlive.EchoSent(now);
                        break;
                    default:
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SwitchDisconnectedException or IOException or ObjectDisposedException)
        {
            // Closing.
        }
    }
}
