using Wyvern.OpenFlow.Channel;
using Wyvern.Testing;

namespace Wyvern.OpenFlow.Tests.Channel;

/// <summary>The keep-alive decision, tick by tick (milliseconds), with echoes every 150 ms and a 3 s dead-peer timeout.</summary>
[Trait("Layer", Layer.Unit)]
public sealed class KeepAliveTests
{
    private static readonly OpenFlowChannelOptions Options = new() { EchoInterval = TimeSpan.FromMilliseconds(150), DeadPeerTimeout = TimeSpan.FromSeconds(3) };

    [Fact]
    public void SilentPeer_IsEchoedOnce_ThenClosedAfterTheDeadPeerTimeout()
    {
        var keepAlive = new KeepAlive(Options);
        keepAlive.Tick(100, lastReceived: 0, lastWriteProgress: 0, writing: false).ShouldBe(KeepAliveAction.None);
        keepAlive.Tick(160, 0, 0, false).ShouldBe(KeepAliveAction.SendEcho);
        keepAlive.EchoSent(160);
        keepAlive.Tick(400, 0, 0, false).ShouldBe(KeepAliveAction.None); // one echo at a time
        keepAlive.Tick(2_999, 0, 0, false).ShouldBe(KeepAliveAction.None);
        keepAlive.Tick(3_050, 0, 0, false).ShouldBe(KeepAliveAction.Close);
        keepAlive.Idle.ShouldBe(3_050);
    }

    [Fact]
    public void AReplySeenOnlyByALateTick_StillAnswersTheEcho()
    {
        // The timer stalled for a second right after the echo; the reply came at once. The next
        // tick finds the peer quiet for longer than an echo interval: that is a new silence to
        // probe, not the old echo still unanswered.
        var keepAlive = new KeepAlive(Options);
        keepAlive.Tick(160, 0, 0, false).ShouldBe(KeepAliveAction.SendEcho);
        keepAlive.EchoSent(160);
        keepAlive.Tick(1_160, lastReceived: 161, 160, false).ShouldBe(KeepAliveAction.SendEcho);
        keepAlive.EchoSent(1_160);
        keepAlive.Tick(1_200, lastReceived: 1_162, 1_160, false).ShouldBe(KeepAliveAction.None);
        keepAlive.Tick(4_200, lastReceived: 1_162, 1_160, false).ShouldBe(KeepAliveAction.SendEcho); // answered, quiet since
    }

    [Fact]
    public void ALateTickAfterASilence_DoesNotCloseBeforeAnEchoHadItsChance()
    {
        var keepAlive = new KeepAlive(Options);
        keepAlive.Tick(5_000, lastReceived: 0, 0, false).ShouldBe(KeepAliveAction.SendEcho);
        keepAlive.EchoSent(5_000);
        keepAlive.Tick(5_100, 0, 0, false).ShouldBe(KeepAliveAction.None);
        keepAlive.Tick(7_900, 0, 0, false).ShouldBe(KeepAliveAction.Close);
    }

    [Fact]
    public void DuringAWrite_NoEcho_AndThePeerLivesWhileItTakesOurData()
    {
        var keepAlive = new KeepAlive(Options);
        keepAlive.Tick(1_000, lastReceived: 0, lastWriteProgress: 900, writing: true).ShouldBe(KeepAliveAction.None);
        keepAlive.Tick(3_800, 0, 900, true).ShouldBe(KeepAliveAction.None);
        keepAlive.Tick(3_950, 0, 900, true).ShouldBe(KeepAliveAction.Close);
    }
}
