using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wyvern.Ovsdb.Rpc;

namespace Wyvern.Ovsdb.Tests.Fixtures;

/// <summary>
/// Plays the server side of OVSDB step by step (as Npgsql's PgServerMock does for PostgreSQL):
/// the test says which message it expects next from the client — compared as JSON, with the
/// request id free — and what to send back. Listens on a unix socket in a private
/// <c>/tmp/wy-&lt;hex&gt;</c> directory; in-process, no child processes.
/// </summary>
internal sealed class ScriptedOvsdbServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly string _directory;
    private Socket? _peer;
    private NetworkStream? _stream;
    private JsonStreamFramer _framer = new();
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);

    public ScriptedOvsdbServer()
    {
        _directory = Path.Combine("/tmp", OvsProcesses.NewRunId());
        Directory.CreateDirectory(_directory);
        SocketPath = Path.Combine(_directory, "scripted.sock");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(4);
    }

    public string SocketPath { get; }

    /// <summary>Replaces <paramref name="token"/> by <paramref name="value"/> in every scripted JSON text.</summary>
    public void Define(string token, string value) => _tokens[token] = value;

    private string Expand(string json) => _tokens.Aggregate(json, (text, t) => text.Replace(t.Key, t.Value, StringComparison.Ordinal));

    public OvsdbEndpoint Endpoint => OvsdbEndpoint.Unix(SocketPath);

    /// <summary>Options that keep the client from sending unscripted probes.</summary>
    public static OvsdbClientOptions QuietClient => new()
    {
        EchoInterval = TimeSpan.Zero,
        ReconnectMinDelay = TimeSpan.FromMilliseconds(10),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(50),
    };

    /// <summary>Accepts the client's (next) connection.</summary>
    public async Task AcceptAsync()
    {
        using var cts = new CancellationTokenSource(5000);
        _peer = await _listener.AcceptAsync(cts.Token);
        _stream = new NetworkStream(_peer, ownsSocket: true);
        _framer = new JsonStreamFramer();
    }

    /// <summary>Reads the next message and checks it equals <paramref name="expectedJson"/>, ignoring
    /// the value of "id" when the expectation has <c>"id": "*"</c>. Returns the actual id.</summary>
    public async Task<JsonNode?> ExpectAsync(string expectedJson)
    {
        var actual = await ReadAsync();
        var expected = JsonNode.Parse(Expand(expectedJson))!.AsObject();
        var id = actual["id"]?.DeepClone();
        if (expected["id"] is JsonValue v && v.TryGetValue<string>(out var star) && star == "*")
        {
            expected["id"] = id?.DeepClone();
        }

        JsonNode.DeepEquals(expected, actual).ShouldBeTrue(
            $"expected\n{expected.ToJsonString()}\nbut the client sent\n{actual.ToJsonString()}");
        return id;
    }

    /// <summary>Reads the next message from the client.</summary>
    public async Task<JsonObject> ReadAsync()
    {
        using var cts = new CancellationTokenSource(5000);
        while (true)
        {
            if (_framer.TryReadMessage(out var message))
            {
                return JsonNode.Parse(message.Span)!.AsObject();
            }

            var n = await _stream!.ReadAsync(_framer.GetWriteMemory(), cts.Token);
            if (n == 0)
            {
                throw new EndOfStreamException("the client closed the connection");
            }

            _framer.Advance(n);
        }
    }

    /// <summary>Replies to request <paramref name="id"/> with a result.</summary>
    public Task ReplyAsync(JsonNode? id, string resultJson) =>
        SendAsync($$"""{"id":{{id?.ToJsonString() ?? "null"}},"result":{{resultJson}},"error":null}""");

    /// <summary>Replies to request <paramref name="id"/> with a JSON-RPC error.</summary>
    public Task ReplyErrorAsync(JsonNode? id, string errorJson) =>
        SendAsync($$"""{"id":{{id?.ToJsonString() ?? "null"}},"result":null,"error":{{errorJson}}}""");

    /// <summary>Sends raw bytes (a message, a fragment, or garbage).</summary>
    public async Task SendAsync(string raw)
    {
        await _stream!.WriteAsync(Encoding.UTF8.GetBytes(Expand(raw)));
        await _stream.FlushAsync();
    }

    /// <summary>Drops the client's connection.</summary>
    public void Disconnect()
    {
        _stream?.Dispose();
        _stream = null;
        _peer = null;
    }

    public ValueTask DisposeAsync()
    {
        Disconnect();
        _listener.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>A minimal schema with one table, for scripted monitor exchanges.</summary>
    public const string BridgeSchema = """
        {"name":"Open_vSwitch","version":"8.3.0","tables":{"Bridge":{"columns":{
          "name":{"type":"string"},
          "ports":{"type":{"key":{"type":"uuid","refTable":"Port"},"min":0,"max":"unlimited"}},
          "external_ids":{"type":{"key":"string","value":"string","min":0,"max":"unlimited"}},
          "datapath_id":{"type":{"key":"string","min":0,"max":1}}},"isRoot":true}}}
        """;

    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
