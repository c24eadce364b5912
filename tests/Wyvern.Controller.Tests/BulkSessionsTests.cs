using Wyvern.Testing;

namespace Wyvern.Controller.Tests;

[Trait("Layer", Layer.Unit)]
public sealed class BulkSessionsTests
{
    [Theory]
    [InlineData(141_412, 16, 4000, 2947)] // 10,000 ports: 3 rounds of 16 parts
    [InlineData(64_000, 16, 4000, 4000)]  // exactly one full round
    [InlineData(64_001, 16, 4000, 2001)]  // one more flow: two rounds, not one straggler part
    [InlineData(9_000, 16, 4000, 563)]    // fewer flows than connections × bundle: one part each
    [InlineData(5_000, 1, 4000, 2500)]    // the controller connection alone: two even parts
    [InlineData(3_000, 1, 4000, 3000)]
    [InlineData(10, 16, 4000, 1)]
    public void PartSize_SpreadsEvenlyOverTheConnections(int flowMods, int sessions, int max, int expected)
    {
        BulkSessions.PartSize(flowMods, sessions, max).ShouldBe(expected);
    }

    [Theory]
    [InlineData(11_083, 8000, true)]  // the 10,000-port scale model in one transaction
    [InlineData(1_001, 8000, true)]
    [InlineData(1_000, 8000, false)]  // 8 flows a change: one bundle's worth
    [InlineData(1, 8000, false)]      // a single port create
    [InlineData(3, 16, true)]
    [InlineData(0, 16, false)]
    public void LikelyNeeded_WhenTheBatchWouldFillMoreThanOneBundle(int changes, int maxPerBundle, bool expected)
    {
        BulkSessions.LikelyNeeded(changes, maxPerBundle).ShouldBe(expected);
    }

    [Fact]
    public void PartSize_NeverExceedsTheBundleLimit_AndGivesEveryConnectionTheSameNumberOfParts()
    {
        for (var flows = 1; flows < 50_000; flows += 997)
        {
            foreach (var sessions in new[] { 1, 3, 16 })
            {
                var size = BulkSessions.PartSize(flows, sessions, 4000);
                size.ShouldBeInRange(1, 4000);
                var parts = (flows + size - 1) / size;
                var rounds = (parts + sessions - 1) / sessions;
                (rounds * sessions - parts).ShouldBeLessThan(sessions, $"{flows} flows over {sessions}: {parts} parts of {size}");
                rounds.ShouldBe((flows + (sessions * 4000) - 1) / (sessions * 4000), "no more rounds than the bundle limit needs");
            }
        }
    }

    [Theory]
    [InlineData("unix:/var/run/openvswitch/db.sock", null, "unix:/var/run/openvswitch/br-int.mgmt")]
    [InlineData("tcp:127.0.0.1:6640", null, null)]
    [InlineData("tcp:127.0.0.1:6640", "tcp:127.0.0.1:6654", "tcp:127.0.0.1:6654")]
    public void ServiceTarget_IsTheBridgeManagementSocketNextToOvsdb(string ovsdb, string? configured, string? expected)
    {
        var options = new ControllerOptions { ChassisName = "c", OvsdbEndpoint = ovsdb, SwitchServiceTarget = configured };

        options.ResolvedSwitchServiceTarget.ShouldBe(expected);
    }
}
