using System.Buffers.Binary;
using System.Net.Sockets;
using Wyvern.OpenFlow.Channel;
using Wyvern.OpenFlow.Instructions;
using Wyvern.OpenFlow.Matching;
using Wyvern.OpenFlow.Messages;

namespace Wyvern.OpenFlow.Tests.Channel;

/// <summary>
/// Dead-peer detection during a large install, over a unix socket (small
/// socket buffers, as between a controller and its local ovs-vswitchd): a
/// switch that keeps taking our data is alive even though it answers nothing
/// for many dead-peer timeouts; one that stops reading is dropped instead of
/// hanging the write.
/// </summary>
[Trait("Layer", "Unit")]
public sealed class ChannelLivenessTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private static readonly OpenFlowChannelOptions Options = new() { EchoInterval = TimeSpan.FromMilliseconds(500), DeadPeerTimeout = TimeSpan.FromSeconds(2) };
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("wy-");
    private OpenFlowListener _listener = null!;
    private string _path = null!;

    public Task InitializeAsync()
    {
        _listener = new OpenFlowListener(Options);
        _path = Path.Combine(_dir.FullName, "controller.sock");
        _listener.ListenUnix(_path);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _listener.DisposeAsync();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task LongInstall_SwitchReadsSlowlyAndAnswersNothing_StaysConnectedAndCompletes()
    {
        await using var sw = await ConnectAsync();
        var session = await _listener.AcceptAsync().AsTask().WaitAsync(Wait);
        // ~8 MB read at ~1.6 MB/s: the install lasts more than two dead-peer timeouts, while what
        // sits in the socket buffers when our last write returns drains well within one echo
        // interval. The dead-peer timeout (2 s) leaves room for a test host that stalls this
        // reader for a second (a loaded 2-core CI machine running other tests at once).
        var flows = Flows(100_000);
        var bytes = flows.Sum(f => (long)f.EncodedLength) + new BarrierRequest().EncodedLength;

        var started = DateTime.UtcNow;
        var batch = session.SendBatchAsync(flows);
        var tail = await sw.ReadRawSlowlyAsync(bytes, 64 * 1024, TimeSpan.FromMilliseconds(40)).WaitAsync(Wait);
        var took = DateTime.UtcNow - started;
        session.IsConnected.ShouldBeTrue();
        tail[1].ShouldBe((byte)OfpType.BarrierRequest);
        await sw.SendAsync(new BarrierReply { Xid = BinaryPrimitives.ReadUInt32BigEndian(tail.AsSpan(4)) });

        await batch.WaitAsync(Wait);
        took.ShouldBeGreaterThan(Options.DeadPeerTimeout * 2, "the install outlasted the dead-peer timeout");
        session.IsConnected.ShouldBeTrue();
    }

    [Fact]
    public async Task LongInstall_SwitchStopsReading_IsDroppedAsDead_AndTheWriteFails()
    {
        await using var sw = await ConnectAsync();
        var session = await _listener.AcceptAsync().AsTask().WaitAsync(Wait);

        var batch = session.SendBatchAsync(Flows(60_000));
        var reason = await session.Completion.WaitAsync(Wait);

        reason.ShouldContain("dead peer");
        Exception? failure = null;
        try
        {
            await batch.WaitAsync(Wait);
        }
        catch (Exception e) when (e is not TimeoutException)
        {
            failure = e;
        }

        failure.ShouldNotBeNull("the install fails instead of hanging");
    }

    private async Task<ScriptedSwitch> ConnectAsync()
    {
        var sw = await ScriptedSwitch.ConnectAsync(new UnixDomainSocketEndPoint(_path));
        await sw.HandshakeAsync(7);
        return sw;
    }

    private static List<OfpMessage> Flows(int count) =>
        [.. Enumerable.Range(0, count).Select(i => (OfpMessage)new FlowMod
        {
            TableId = 5,
            Priority = 100,
            Match = Match.Create(MatchField.Reg(6, (uint)i)),
            Instructions = [new GotoTableInstruction(6)],
        })];
}
