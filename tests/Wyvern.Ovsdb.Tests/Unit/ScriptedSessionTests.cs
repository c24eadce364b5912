using Wyvern.Ovsdb.Errors;
using Wyvern.Ovsdb.Tests.Fixtures;

namespace Wyvern.Ovsdb.Tests.Unit;

/// <summary>Session lifetime against a scripted server: probes, disconnects, fail-fast while away.</summary>
[Trait("Layer", "Unit")]
public sealed class ScriptedSessionTests
{
    [Fact]
    public async Task UnansweredEchoProbe_DropsTheSession_AndTheClientReconnects()
    {
        await using var server = new ScriptedOvsdbServer();
        var connect = OvsdbClient.ConnectAsync(server.Endpoint, ScriptedOvsdbServer.QuietClient with { EchoInterval = TimeSpan.FromMilliseconds(200) });
        await server.AcceptAsync();
        await using var client = await connect;

        await server.ExpectAsync("""{"method":"echo","params":["wy-probe"],"id":"*"}""");
        // No answer: one interval later the client gives up on this session and dials again.
        await server.AcceptAsync();
        var probe = await server.ExpectAsync("""{"method":"echo","params":["wy-probe"],"id":"*"}""");
        await server.ReplyAsync(probe, """["wy-probe"]""");
        await OvsProcesses.WaitUntilAsync(() => client.ConnectionGeneration == 2 && client.IsConnected, "the second session");
    }

    [Fact]
    public async Task SlowEchoReply_BehindOtherTraffic_DoesNotDropTheSession()
    {
        await using var server = new ScriptedOvsdbServer();
        var connect = OvsdbClient.ConnectAsync(server.Endpoint, ScriptedOvsdbServer.QuietClient with { EchoInterval = TimeSpan.FromMilliseconds(200) });
        await server.AcceptAsync();
        await using var client = await connect;

        var probe = await server.ExpectAsync("""{"method":"echo","params":["wy-probe"],"id":"*"}""");
        for (var i = 0; i < 16; i++)
        {
            // Notifications for a monitor the client does not have: ignored, but they are traffic.
            await server.SendAsync("""{"method":"update2","params":["nobody",{}],"id":null}""");
            await Task.Delay(50);
        }

        client.ConnectionGeneration.ShouldBe(1);
        await server.ReplyAsync(probe, """["wy-probe"]""");
        await server.ExpectAsync("""{"method":"echo","params":["wy-probe"],"id":"*"}""");
        client.ConnectionGeneration.ShouldBe(1);
        client.IsConnected.ShouldBeTrue();
    }

    [Fact]
    public async Task WhileDisconnected_RequestsFailFast_WithAConnectionError()
    {
        await using var server = new ScriptedOvsdbServer();
        var connect = OvsdbClient.ConnectAsync(server.Endpoint, ScriptedOvsdbServer.QuietClient with
        {
            ReconnectMinDelay = TimeSpan.FromSeconds(30),
            ReconnectMaxDelay = TimeSpan.FromSeconds(30),
        });
        await server.AcceptAsync();
        await using var client = await connect;

        var pending = client.ListDatabasesAsync();
        await server.ExpectAsync("""{"method":"list_dbs","params":[],"id":"*"}""");
        await server.DisposeAsync(); // the server goes away for good: redials fail

        (await Should.ThrowAsync<OvsdbConnectionException>(() => pending)).Message.ShouldContain("closed");
        await OvsProcesses.WaitUntilAsync(() => !client.IsConnected, "the client to notice");
        await Should.ThrowAsync<OvsdbConnectionException>(() => client.ListDatabasesAsync());
    }

    [Fact]
    public async Task Connect_WaitsForAServerThatIsNotUpYet()
    {
        var server = new ScriptedOvsdbServer();
        var path = server.SocketPath;
        await server.DisposeAsync();   // nothing listens on the path now

        var connect = OvsdbClient.ConnectAsync(Rpc.OvsdbEndpoint.Unix(path), ScriptedOvsdbServer.QuietClient);
        await Task.Delay(200);
        connect.IsCompleted.ShouldBeFalse();
        using var cts = new CancellationTokenSource(100);
        await Should.ThrowAsync<OperationCanceledException>(() =>
            OvsdbClient.ConnectAsync(Rpc.OvsdbEndpoint.Unix(path), ScriptedOvsdbServer.QuietClient, cts.Token));

        await using var late = new ScriptedOvsdbServer();
        // A different directory: point the waiting client's path at the new listener.
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, late.SocketPath);
        await late.AcceptAsync();
        await using var client = await connect;
        client.IsConnected.ShouldBeTrue();
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }
}
