using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Wyvern.OpenFlow.Framing;
using Wyvern.OpenFlow.Messages;

namespace Wyvern.OpenFlow.Tests.Channel;

/// <summary>
/// Plays the switch side of OpenFlow 1.3 step by step (as Npgsql's PgServerMock
/// plays PostgreSQL): the test sends and expects messages in the order a real
/// switch would.
/// </summary>
public sealed class ScriptedSwitch : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);
    private readonly Socket _socket;
    private readonly OfpFrameReader _frames = new();
    private readonly byte[] _readBuffer = new byte[65536];
    private byte[] _pending = [];

    private ScriptedSwitch(Socket socket)
    {
        _socket = socket;
    }

    public static async Task<ScriptedSwitch> ConnectAsync(EndPoint endpoint)
    {
        var socket = endpoint is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endpoint);
        return new ScriptedSwitch(socket);
    }

    /// <summary>HELLO both ways, then answers FEATURES_REQUEST with <paramref name="datapathId"/>.</summary>
    public async Task HandshakeAsync(ulong datapathId)
    {
        await SendAsync(Hello.OpenFlow13 with { Xid = 1 });
        (await ExpectAsync<Hello>()).Supports(OfpHeader.Version13).ShouldBeTrue();
        var request = await ExpectAsync<FeaturesRequest>();
        await SendAsync(new FeaturesReply(datapathId, 0, 254, 0, 0x4f) { Xid = request.Xid });
    }

    /// <summary>
    /// Reads exactly <paramref name="count"/> raw bytes, at most <paramref name="chunk"/>
    /// at a time with <paramref name="pause"/> between reads (a switch slow to take
    /// a large install), and returns the last 8 (the header of the final message).
    /// </summary>
    public async Task<byte[]> ReadRawSlowlyAsync(long count, int chunk, TimeSpan pause)
    {
        _pending.Length.ShouldBe(0, "raw reads start on a message boundary");
        var buffer = new byte[chunk];
        var tail = new byte[8];
        for (var left = count; left > 0;)
        {
            var read = await _socket.ReceiveAsync(buffer.AsMemory(0, (int)Math.Min(chunk, left)), SocketFlags.None);
            read.ShouldBeGreaterThan(0, "the controller closed the connection");
            left -= read;
            // Keep the last 8 bytes seen.
            var keep = Math.Min(8, read);
            Array.Copy(tail, keep, tail, 0, 8 - keep);
            Array.Copy(buffer, read - keep, tail, 8 - keep, keep);
            await Task.Delay(pause);
        }

        return tail;
    }

    public async Task SendAsync(OfpMessage message)
    {
        await _socket.SendAsync(message.ToArray());
    }

    public async Task SendRawAsync(byte[] bytes) => await _socket.SendAsync(bytes);

    /// <summary>The next message, or null when the controller closed the connection.</summary>
    public async Task<OfpMessage?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (true)
        {
            var sequence = new ReadOnlySequence<byte>(_pending);
            var status = _frames.TryRead(ref sequence, out var frame, out _, out var error);
            status.ShouldNotBe(OfpFrameStatus.Error, error.ToString());
            if (status == OfpFrameStatus.Frame)
            {
                var message = OfpMessageDecoder.Decode(frame.ToArray());
                _pending = sequence.ToArray();
                return message;
            }

            int read;
            try
            {
                read = await _socket.ReceiveAsync(_readBuffer, SocketFlags.None, cts.Token);
            }
            catch (SocketException)
            {
                return null;
            }

            if (read == 0)
            {
                return null;
            }

            _pending = [.. _pending, .. _readBuffer.AsSpan(0, read)];
        }
    }

    /// <summary>Receives the next message and checks its type.</summary>
    public async Task<T> ExpectAsync<T>(TimeSpan? timeout = null)
        where T : OfpMessage
    {
        var message = await ReceiveAsync(timeout);
        message.ShouldNotBeNull($"connection closed while expecting {typeof(T).Name}");
        return message.ShouldBeOfType<T>();
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
