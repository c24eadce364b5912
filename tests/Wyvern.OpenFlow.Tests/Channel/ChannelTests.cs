using System.Net;
using System.Net.Sockets;
using Wyvern.OpenFlow.Actions;
using Wyvern.OpenFlow.Channel;
using Wyvern.OpenFlow.Instructions;
using Wyvern.OpenFlow.Matching;
using Wyvern.OpenFlow.Messages;

namespace Wyvern.OpenFlow.Tests.Channel;

/// <summary>The channel against a scripted switch over loopback TCP and a unix socket.</summary>
[Trait("Layer", "Unit")]
public sealed class ChannelTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private OpenFlowListener _listener = null!;
    private IPEndPoint _endpoint = null!;

    public Task InitializeAsync() => StartAsync(new OpenFlowChannelOptions());

    public async Task DisposeAsync() => await _listener.DisposeAsync();

    [Fact]
    public async Task Handshake_Completes_SessionCarriesDatapathId()
    {
        await using var sw = await ConnectAsync(0xab);

        var session = await AcceptAsync();

        session.DatapathId.ShouldBe(0xabUL);
        session.IsConnected.ShouldBeTrue();
    }

    [Fact]
    public async Task Handshake_SwitchOffersOnlyOpenFlow10_GetsHelloFailedAndNoSession()
    {
        await using var sw = await ScriptedSwitch.ConnectAsync(_endpoint);
        await sw.SendAsync(new Hello(new uint[] { 1u << 1 }, HeaderVersion: 1) { Xid = 1 });

        await sw.ExpectAsync<Hello>();
        var error = await sw.ExpectAsync<ErrorMessage>();

        error.Name.ShouldBe("OFPHFC_INCOMPATIBLE");
        (await sw.ReceiveAsync()).ShouldBeNull();
        _listener.Sessions.TryRead(out _).ShouldBeFalse();
    }

    [Fact]
    public async Task EchoRequest_FromSwitch_IsAnsweredWithSameXidAndData()
    {
        await using var sw = await ConnectAsync(1);
        await AcceptAsync();

        await sw.SendAsync(new EchoRequest(new byte[] { 7, 8, 9 }) { Xid = 4242 });
        var reply = await sw.ExpectAsync<EchoReply>();

        reply.Xid.ShouldBe(4242u);
        reply.Data.ShouldBe(new byte[] { 7, 8, 9 });
    }

    [Fact]
    public async Task IdleSwitch_GetsEchoRequest_AndIsDroppedWhenSilent()
    {
        await _listener.DisposeAsync();
        await StartAsync(new OpenFlowChannelOptions { EchoInterval = TimeSpan.FromMilliseconds(200), DeadPeerTimeout = TimeSpan.FromMilliseconds(1000) });
        await using var sw = await ConnectAsync(1);
        var session = await AcceptAsync();

        await sw.ExpectAsync<EchoRequest>();
        var reason = await session.Completion.WaitAsync(Wait);

        reason.ShouldContain("dead peer");
        session.IsConnected.ShouldBeFalse();
    }

    [Fact]
    public async Task IdleSwitch_AnsweringEchoes_StaysConnected()
    {
        await _listener.DisposeAsync();
        await StartAsync(new OpenFlowChannelOptions { EchoInterval = TimeSpan.FromMilliseconds(150), DeadPeerTimeout = TimeSpan.FromSeconds(3) });
        await using var sw = await ConnectAsync(1);
        var session = await AcceptAsync();

        // Each echo comes only after a silent EchoInterval, so several in a row prove the replies kept it alive.
        for (var i = 0; i < 5; i++)
        {
            var echo = await sw.ExpectAsync<EchoRequest>();
            await sw.SendAsync(new EchoReply(echo.Data) { Xid = echo.Xid });
        }

        session.IsConnected.ShouldBeTrue();
    }

    [Fact]
    public async Task Barrier_CompletesOnReplyWithItsXid()
    {
        await using var sw = await ConnectAsync(1);
        var session = await AcceptAsync();

        var barrier = session.BarrierAsync();
        var request = await sw.ExpectAsync<BarrierRequest>();
        barrier.IsCompleted.ShouldBeFalse();
        await sw.SendAsync(new BarrierReply { Xid = request.Xid + 1000 });
        await Task.Delay(50);
        barrier.IsCompleted.ShouldBeFalse();
        await sw.SendAsync(new BarrierReply { Xid = request.Xid });

        await barrier.WaitAsync(Wait);
    }

    [Fact]
    public async Task DumpFlows_RepliesWithMore_AreCollectedUntilTheLast()
    {
        await using var sw = await ConnectAsync(1);
        var session = await AcceptAsync();

        var dump = session.DumpFlowsAsync(new FlowStatsRequest { TableId = 10 });
        var request = await sw.ExpectAsync<FlowStatsRequest>();
        request.TableId.ShouldBe((byte)10);
        await sw.SendAsync(new FlowStatsReply([Flow(1), Flow(2)]) { Xid = request.Xid, More = true });
        await sw.SendAsync(new FlowStatsReply([Flow(3)]) { Xid = request.Xid });

        var flows = await dump.WaitAsync(Wait);
        flows.Select(f => f.Priority).ShouldBe(new ushort[] { 1, 2, 3 });
    }

    [Fact]
    public async Task DumpFlows_Streamed_HandsEachFlowOverAsItsReplyArrives_AndAThrowingHandlerFailsOnlyTheDump()
    {
        await using var sw = await ConnectAsync(1);
        var session = await AcceptAsync();
        var seen = new List<ushort>();

        var dump = session.DumpFlowsAsync(null, f => seen.Add(f.Priority));
        var request = await sw.ExpectAsync<FlowStatsRequest>();
        await sw.SendAsync(new FlowStatsReply([Flow(1), Flow(2)]) { Xid = request.Xid, More = true });
        await WaitUntilAsync(() => seen.Count == 2);
        dump.IsCompleted.ShouldBeFalse("the dump ends with the reply without More");
        await sw.SendAsync(new FlowStatsReply([Flow(3)]) { Xid = request.Xid });
        (await dump.WaitAsync(Wait)).ShouldBe(3);
        seen.ShouldBe(new ushort[] { 1, 2, 3 });

        var failing = session.DumpFlowsAsync(null, _ => throw new InvalidOperationException("handler"));
        request = await sw.ExpectAsync<FlowStatsRequest>();
        await sw.SendAsync(new FlowStatsReply([Flow(4)]) { Xid = request.Xid, More = true });
        (await Should.ThrowAsync<InvalidOperationException>(failing.WaitAsync(Wait))).Message.ShouldBe("handler");
        var barrier = session.BarrierAsync();
        await sw.SendAsync(new BarrierReply { Xid = (await sw.ExpectAsync<BarrierRequest>()).Xid });
        await barrier.WaitAsync(Wait);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            clock.Elapsed.ShouldBeLessThan(Wait);
            await Task.Delay(5);
        }
    }

    [Fact]
    public async Task SendBatch_SwitchRejectsSecondFlow_ThrowsNamingThatFlow()
    {
        await using var sw = await ConnectAsync(1);
        var session = await AcceptAsync();
        var flows = new[] { AddFlow(1), AddFlow(2), AddFlow(3) };

        var batch = session.SendBatchAsync(flows);
        var received = new[] { await sw.ExpectAsync<FlowMod>(), await sw.ExpectAsync<FlowMod>(), await sw.ExpectAsync<FlowMod>() };
        var barrier = await sw.ExpectAsync<BarrierRequest>();
        await sw.SendAsync(new ErrorMessage(4, 9, received[1].ToArray().AsSpan(0, 64).ToArray()) { Xid = received[1].Xid });
        await sw.SendAsync(new BarrierReply { Xid = barrier.Xid });

        var error = await Should.ThrowAsync<OpenFlowErrorException>(batch.WaitAsync(Wait));
        error.Error.Name.ShouldBe("OFPBMC_BAD_PREREQ");
        error.Request.ShouldBe(flows[1]);
        error.Failures.Count.ShouldBe(1);
        received.Select(f => f with { Xid = 0 }).ShouldBe(flows);
    }

    [Fact]
    public async Task Request_SwitchAnswersWithError_ThrowsOnThatRequest()
    {
        await using var sw = await ConnectAsync(1);
        var session = await AcceptAsync();

        var role = session.RequestAsync(new RoleRequest(ControllerRole.Master, 1));
        var request = await sw.ExpectAsync<RoleRequest>();
        await sw.SendAsync(new ErrorMessage(11, 0) { Xid = request.Xid });

        var error = await Should.ThrowAsync<OpenFlowErrorException>(role.WaitAsync(Wait));
        error.Error.Name.ShouldBe("OFPRRFC_STALE");
        error.Request.ShouldBeOfType<RoleRequest>();
    }

    [Fact]
    public async Task InstallBundle_SendsOpenAddsBarrierCommitInOrder_AndCompletes()
    {
        await using var sw = await ConnectAsync(1);
        var session = await AcceptAsync();
        var flows = new OfpMessage[] { AddFlow(1), AddFlow(2) };

        var install = session.InstallBundleAsync(flows);
        var open = await sw.ExpectAsync<BundleControl>();
        open.ControlType.ShouldBe(BundleControlType.OpenRequest);
        await sw.SendAsync(open with { ControlType = BundleControlType.OpenReply });
        var adds = new[] { await sw.ExpectAsync<BundleAdd>(), await sw.ExpectAsync<BundleAdd>() };
        var barrier = await sw.ExpectAsync<BarrierRequest>();
        await sw.SendAsync(new BarrierReply { Xid = barrier.Xid });
        var commit = await sw.ExpectAsync<BundleControl>();
        commit.ControlType.ShouldBe(BundleControlType.CommitRequest);
        install.IsCompleted.ShouldBeFalse();
        await sw.SendAsync(commit with { ControlType = BundleControlType.CommitReply });

        await install.WaitAsync(Wait);
        adds.Select(a => a.BundleId).ShouldAllBe(id => id == open.BundleId);
        adds.Select(a => a.Message with { Xid = 0 }).ShouldBe(flows);
        adds.ShouldAllBe(a => a.Message.Xid == a.Xid);
    }

    [Fact]
    public async Task InstallBundle_SwitchRejectsAnAdd_DiscardsAndThrowsNamingThatFlow()
    {
        await using var sw = await ConnectAsync(1);
        var session = await AcceptAsync();
        var flows = new OfpMessage[] { AddFlow(1), AddFlow(2) };

        var install = session.InstallBundleAsync(flows);
        var open = await sw.ExpectAsync<BundleControl>();
        await sw.SendAsync(open with { ControlType = BundleControlType.OpenReply });
        await sw.ExpectAsync<BundleAdd>();
        var second = await sw.ExpectAsync<BundleAdd>();
        await sw.SendAsync(new ErrorMessage(3, 2) { Xid = second.Xid });
        var barrier = await sw.ExpectAsync<BarrierRequest>();
        await sw.SendAsync(new BarrierReply { Xid = barrier.Xid });
        var discard = await sw.ExpectAsync<BundleControl>();
        discard.ControlType.ShouldBe(BundleControlType.DiscardRequest);
        await sw.SendAsync(discard with { ControlType = BundleControlType.DiscardReply });

        var error = await Should.ThrowAsync<OpenFlowErrorException>(install.WaitAsync(Wait));
        error.Error.Name.ShouldBe("OFPBIC_BAD_TABLE_ID");
        error.Request.ShouldBe(flows[1]);
    }

    [Fact]
    public async Task CommitBundle_WritesOpenAddsCommitWithoutWaiting_AndCompletesOnTheCommitReply()
    {
        await using var sw = await ConnectAsync(1);
        var session = await AcceptAsync();
        var flows = new OfpMessage[] { AddFlow(1), AddFlow(2) };

        var install = session.CommitBundleAsync(flows);
        // The switch answers nothing until everything is there: one round trip.
        var open = await sw.ExpectAsync<BundleControl>();
        var adds = new[] { await sw.ExpectAsync<BundleAdd>(), await sw.ExpectAsync<BundleAdd>() };
        var commit = await sw.ExpectAsync<BundleControl>();
        await sw.SendAsync(open with { ControlType = BundleControlType.OpenReply });
        install.IsCompleted.ShouldBeFalse();
        await sw.SendAsync(commit with { ControlType = BundleControlType.CommitReply });

        (await install.WaitAsync(Wait)).ShouldBeEmpty();
        open.ControlType.ShouldBe(BundleControlType.OpenRequest);
        commit.ControlType.ShouldBe(BundleControlType.CommitRequest);
        adds.Select(a => a.BundleId).ShouldAllBe(id => id == open.BundleId && id == commit.BundleId);
        adds.Select(a => a.Message with { Xid = 0 }).ShouldBe(flows);
    }

    [Fact]
    public async Task CommitBundle_SwitchRejectsAnAdd_CommitsTheRestAndReturnsTheRejectedOne()
    {
        await using var sw = await ConnectAsync(1);
        var session = await AcceptAsync();
        var flows = new OfpMessage[] { AddFlow(1), AddFlow(2) };

        var install = session.CommitBundleAsync(flows);
        var open = await sw.ExpectAsync<BundleControl>();
        await sw.ExpectAsync<BundleAdd>();
        var second = await sw.ExpectAsync<BundleAdd>();
        var commit = await sw.ExpectAsync<BundleControl>();
        await sw.SendAsync(open with { ControlType = BundleControlType.OpenReply });
        await sw.SendAsync(new ErrorMessage(3, 2) { Xid = second.Xid });
        await sw.SendAsync(commit with { ControlType = BundleControlType.CommitReply });

        var rejected = await install.WaitAsync(Wait);
        rejected.Count.ShouldBe(1);
        rejected[0].Request.ShouldBe(flows[1]);
        rejected[0].Error.Name.ShouldBe("OFPBIC_BAD_TABLE_ID");
    }

    [Fact]
    public async Task CommitBundle_CommitFails_ThrowsWithTheCommitError()
    {
        await using var sw = await ConnectAsync(1);
        var session = await AcceptAsync();

        var install = session.CommitBundleAsync([AddFlow(1)]);
        var open = await sw.ExpectAsync<BundleControl>();
        await sw.ExpectAsync<BundleAdd>();
        var commit = await sw.ExpectAsync<BundleControl>();
        await sw.SendAsync(open with { ControlType = BundleControlType.OpenReply });
        await sw.SendAsync(new ErrorMessage(17, 12) { Xid = commit.Xid });

        var error = await Should.ThrowAsync<OpenFlowErrorException>(install.WaitAsync(Wait));
        error.Request.ShouldBeOfType<BundleControl>().ControlType.ShouldBe(BundleControlType.CommitRequest);
    }

    [Fact]
    public async Task PacketIn_FromSwitch_AppearsOnEvents()
    {
        await using var sw = await ConnectAsync(1);
        var session = await AcceptAsync();
        var packetIn = new PacketIn(OfpPort.NoBufferId, 3, PacketInReason.Action, 30, 0, Match.Create(MatchField.InPort(4)), new byte[] { 1, 2, 3 });

        await sw.SendAsync(packetIn);

        var received = await session.Events.ReadAsync().AsTask().WaitAsync(Wait);
        received.ShouldBe(packetIn);
    }

    [Fact]
    public async Task PacketOut_IsWrittenAsIs()
    {
        await using var sw = await ConnectAsync(1);
        var session = await AcceptAsync();
        var packetOut = new PacketOut(OfpPort.Controller, [new OutputAction(4)], new byte[] { 1, 2, 3 });

        await session.SendAsync(packetOut);

        (await sw.ExpectAsync<PacketOut>() with { Xid = 0 }).ShouldBe(packetOut);
    }

    [Fact]
    public async Task Reconnect_IsANewSession_AndTheOldOneCompletes()
    {
        var first = await ScriptedSwitch.ConnectAsync(_endpoint);
        await first.HandshakeAsync(7);
        var firstSession = await AcceptAsync();
        await first.DisposeAsync();
        (await firstSession.Completion.WaitAsync(Wait)).ShouldNotBeNullOrEmpty();

        await using var second = await ConnectAsync(7);
        var secondSession = await AcceptAsync();

        secondSession.SessionId.ShouldNotBe(firstSession.SessionId);
        secondSession.DatapathId.ShouldBe(7UL);
        await Should.ThrowAsync<SwitchDisconnectedException>(firstSession.BarrierAsync());
    }

    [Fact]
    public async Task ManySwitches_EachGetsItsOwnSession()
    {
        var switches = new List<ScriptedSwitch>();
        for (var i = 1; i <= 5; i++)
        {
            switches.Add(await ConnectAsync((ulong)i));
        }

        var sessions = new List<SwitchSession>();
        for (var i = 0; i < 5; i++)
        {
            sessions.Add(await AcceptAsync());
        }

        sessions.Select(s => s.DatapathId).Order().ShouldBe(new ulong[] { 1, 2, 3, 4, 5 });
        foreach (var sw in switches)
        {
            await sw.DisposeAsync();
        }
    }

    [Fact]
    public async Task UnixSocket_SwitchConnects_AndHandshakes()
    {
        var dir = Directory.CreateTempSubdirectory("wy-");
        try
        {
            var path = Path.Combine(dir.FullName, "controller.sock");
            _listener.ListenUnix(path);
            await using var sw = await ScriptedSwitch.ConnectAsync(new UnixDomainSocketEndPoint(path));
            await sw.HandshakeAsync(0x42);

            (await AcceptAsync()).DatapathId.ShouldBe(0x42UL);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task GarbageFromSwitch_ClosesTheSession()
    {
        await using var sw = await ConnectAsync(1);
        var session = await AcceptAsync();

        await sw.SendRawAsync([0x01, 0x0e, 0x00, 0x08, 0, 0, 0, 1]);

        (await session.Completion.WaitAsync(Wait)).ShouldContain("WrongVersion");
    }

    private static FlowStats Flow(ushort priority) => new() { Priority = priority, TableId = 10, Match = Match.Create(MatchField.Reg(6, priority)) };

    private static FlowMod AddFlow(ushort priority) => new()
    {
        TableId = 5,
        Priority = priority,
        Match = Match.Create(MatchField.InPort(priority)),
        Instructions = [new GotoTableInstruction(6)],
    };

    private Task StartAsync(OpenFlowChannelOptions options)
    {
        _listener = new OpenFlowListener(options);
        _endpoint = _listener.ListenTcp(new IPEndPoint(IPAddress.Loopback, 0));
        return Task.CompletedTask;
    }

    private async Task<ScriptedSwitch> ConnectAsync(ulong datapathId)
    {
        var sw = await ScriptedSwitch.ConnectAsync(_endpoint);
        await sw.HandshakeAsync(datapathId);
        return sw;
    }

    private async Task<SwitchSession> AcceptAsync() => await _listener.AcceptAsync().AsTask().WaitAsync(Wait);
}
