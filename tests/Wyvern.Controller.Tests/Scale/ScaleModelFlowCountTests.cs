using System.Globalization;
using Wyvern.Controller.Engine;
using Wyvern.Pipeline;
using Wyvern.Scale;
using Wyvern.Testing;
using Xunit.Abstractions;

namespace Wyvern.Controller.Tests.Scale;

/// <summary>
/// The flows per port of the scale benchmark's model (issue 7 target: at most
/// 15 with every feature on), compiled in-process: the model of
/// bench/Wyvern.Scale (its source is linked into this project), every VM port
/// plugged on the one chassis, the external network mapped to a provider
/// bridge, as bench/scale/run.sh sets the chassis up. A count is
/// deterministic: this checks the pipeline's shape, not timing.
/// </summary>
[Trait("Layer", Layer.Scenario)]
public sealed class ScaleModelFlowCountTests(ITestOutputHelper output)
{
    private const string ChassisName = "scale-chassis";

    [Theory]
    [InlineData(2, 10, 50)]
    [InlineData(4, 5, 50)]
    public void BenchmarkModel_HasAtMost15FlowsPerPort(int routers, int networksPerRouter, int portsPerNetwork)
    {
        var model = new ScaleModel(routers, networksPerRouter, portsPerNetwork, ChassisName);
        var engine = Compile(model);

        var perPort = (double)engine.Desired.Count / model.Ports;
        Report(engine, model.Ports);
        engine.Desired.All.SelectMany(FlowValidator.Check).ShouldBeEmpty();
        perPort.ShouldBeLessThanOrEqualTo(15.0);
    }

    /// <summary>
    /// What one VM port owns: classification and dispatch (2), port security
    /// (link-local IPv6; its IPv4 address; its MAC without an address: 3), the
    /// ARP answer and the exception for its own requests (2), L2 lookup from
    /// local senders and from tunnels (2), the neighbour entry (1), its
    /// security-group flows (its group's key for egress and for ingress, its address as an
    /// ingress member: 3).
    /// </summary>
    [Fact]
    public void BenchmarkModel_OneVmPortOwns13Flows()
    {
        var model = new ScaleModel(1, 2, 50, ChassisName);
        var engine = Compile(model);

        // Any VM port: a floating IP owns its own flows.
        var flows = engine.Desired.OwnedBy(Apps.Owner.Port(ScaleModel.PortId(1)).ToString());

        flows.Count.ShouldBe(13, string.Join("\n", flows.Select(f => $"{f.Table} {f.Match}")));
    }

    private static FlowEngine Compile(ScaleModel model)
    {
        var engine = ScaleChassis.Started(ChassisName);
        foreach (var op in model.Build().Operations)
        {
            engine.HandleUpsert(op.Value!);
        }
        return engine.Plug(model.PortIds);
    }

    /// <summary>Writes the flows per port by table and by kind of owner, for the benchmark document.</summary>
    private void Report(FlowEngine engine, int ports)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{engine.Desired.Count} flows, {ports} ports: {(double)engine.Desired.Count / ports:F2} per port"));
        foreach (var group in engine.Desired.All
                     .GroupBy(f => (f.Table, Kind: f.Owner.Split('/')[0]))
                     .OrderBy(g => g.Key.Table).ThenBy(g => g.Key.Kind, StringComparer.Ordinal))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {(byte)group.Key.Table,3} {group.Key.Table,-26} {group.Key.Kind,-14} {group.Count(),7} {(double)group.Count() / ports,7:F2}"));
        }
    }
}
