using System.Net;
using Wyvern.OpenFlow.Actions;
using Wyvern.OpenFlow.Instructions;
using Wyvern.OpenFlow.Matching;
using Wyvern.OpenFlow.Messages;

namespace Wyvern.OpenFlow.Benchmarks;

/// <summary>Flow mods shaped like the pipeline's: 8 match fields, 4 actions including ct and set_field.</summary>
public static class TypicalFlows
{
    /// <summary>A security-group / routing style flow for port <paramref name="n"/>.</summary>
    public static FlowMod Pipeline(int n) => new()
    {
        Cookie = 0x1000 + (ulong)n,
        TableId = 10,
        Priority = 100,
        Match = Match.Create(
            MatchField.InPort((uint)(n % 60000) + 1),
            MatchField.EthType(0x0800),
            MatchField.EthSrc(new MacAddress(0xfa163e000000UL + (ulong)n)),
            MatchField.Ipv4Src(new IPAddress(BitConverter.GetBytes(0x0000000a + (n << 8)))),
            MatchField.IpProto(6),
            MatchField.TcpDst(80),
            MatchField.Metadata(5),
            MatchField.Reg(6, (uint)n)),
        Instructions =
        [
            new ApplyActionsInstruction([
                new NxConntrackAction(NxConntrackFlags.Commit, Zone: 5, Table: 15),
                new SetFieldAction(MatchField.Reg(7, (uint)n)),
                new SetFieldAction(MatchField.TunnelId(5001)),
                new OutputAction(7),
            ]),
        ],
    };
}
