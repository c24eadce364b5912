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
