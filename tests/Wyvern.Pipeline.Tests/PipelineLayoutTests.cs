using Wyvern.OpenFlow.Actions;
using Wyvern.OpenFlow.Instructions;
using Wyvern.OpenFlow.Matching;
using Wyvern.Testing;

namespace Wyvern.Pipeline.Tests;

[Trait("Layer", Layer.Unit)]
public sealed class PipelineLayoutTests
{
    [Fact]
    public void CommittedPipelineDoc_IsGeneratedFromTheLayout()
    {
        var path = Path.Combine(RepositoryPaths.Root, "docs", "pipeline.md");
        var text = PipelineDocument.Render();
        if (Environment.GetEnvironmentVariable("WYVERN_WRITE_DOCS") == "1")
        {
            File.WriteAllText(path, text);
        }

        File.ReadAllText(path).ShouldBe(text, "docs/pipeline.md is stale: regenerate with WYVERN_WRITE_DOCS=1 dotnet test tests/Wyvern.Pipeline.Tests");
    }

    [Fact]
    public void EveryNextTable_IsDeclared()
    {
        foreach (var table in PipelineLayout.Tables.Values)
        {
            table.Next.ShouldAllBe(next => PipelineLayout.Tables.ContainsKey(next));
        }
    }

    [Fact]
    public void Validator_RejectsGotoBackwards()
    {
        var flow = Flow(TableId.L3Proactive, Match.Create(MatchField.Metadata(1)), new GotoTableInstruction((byte)TableId.L2Lookup));

        FlowValidator.Check(flow).ShouldContain(p => p.Contains("does not go forward", StringComparison.Ordinal));
    }

    [Fact]
    public void Validator_AcceptsAFlowThatFits()
    {
        var flow = Flow(TableId.Classification, Match.Create(MatchField.InPort(1)),
            new ApplyActionsInstruction(new OfpAction[] { Registers.LoadSourcePort(7), Registers.LoadNetwork(1) }),
            new GotoTableInstruction((byte)TableId.EgressPortSecurity));

        FlowValidator.Check(flow).ShouldBeEmpty();
    }

    [Fact]
    public void Validator_RejectsMatchSetAndGotoOutsideTheTable()
    {
        var flow = Flow(TableId.Classification, Match.Create(MatchField.TcpDst(80), MatchField.IpProto(6), MatchField.EthType(0x800)),
            new ApplyActionsInstruction(new OfpAction[] { new SetFieldAction(MatchField.Ipv4Dst(System.Net.IPAddress.Loopback)), new OutputAction(1) }),
            new GotoTableInstruction((byte)TableId.IngressDispatch));

        var problems = FlowValidator.Check(flow);

        problems.ShouldContain(p => p.Contains("may not match tcp_dst", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("may not set ipv4_dst", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("may not continue to IngressDispatch", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("may not output", StringComparison.Ordinal));
    }

    [Fact]
    public void Cookie_CarriesMarkerAndApp()
    {
        var cookie = FlowCookie.For(AppId.L3);

        FlowCookie.IsWyvern(cookie).ShouldBeTrue();
        FlowCookie.AppOf(cookie).ShouldBe(AppId.L3);
        FlowCookie.AppOf(0x1234).ShouldBeNull();
        (cookie & FlowCookie.WyvernMask).ShouldBe(FlowCookie.Marker);
    }

    private static FlowSpec Flow(TableId table, Match match, params OfpInstruction[] instructions) =>
        new(table, 100, match, instructions, AppId.Classifier, "test");

}
