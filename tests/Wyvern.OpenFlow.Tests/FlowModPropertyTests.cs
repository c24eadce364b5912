using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Wyvern.OpenFlow.Actions;
using Wyvern.OpenFlow.Instructions;
using Wyvern.OpenFlow.Matching;
using Wyvern.OpenFlow.Messages;

namespace Wyvern.OpenFlow.Tests;

/// <summary>Property: decode(encode(flow mod)) is the identity, over generated flow mods.</summary>
[Trait("Layer", "Unit")]
public sealed class FlowModPropertyTests
{
    private static readonly OxmField[] Fields =
    [
        OxmField.InPort, OxmField.Metadata, OxmField.EthSrc, OxmField.EthDst, OxmField.EthType, OxmField.VlanVid,
        OxmField.VlanPcp, OxmField.IpProto, OxmField.IpDscp, OxmField.Ipv4Src, OxmField.Ipv4Dst, OxmField.Ipv6Src,
        OxmField.Ipv6Dst, OxmField.TcpSrc, OxmField.TcpDst, OxmField.UdpSrc, OxmField.UdpDst, OxmField.Icmpv4Type,
        OxmField.Icmpv4Code, OxmField.Icmpv6Type, OxmField.Icmpv6Code, OxmField.ArpOp, OxmField.ArpSpa, OxmField.ArpTpa,
        OxmField.ArpSha, OxmField.ArpTha, OxmField.Ipv6NdTarget, OxmField.Ipv6NdSll, OxmField.Ipv6NdTll, OxmField.TunnelId,
        OxmField.Reg0, OxmField.Reg6, OxmField.Reg7, OxmField.Reg15, OxmField.Xreg3, OxmField.TunIpv4Src, OxmField.TunIpv4Dst,
        OxmField.CtState, OxmField.CtZone, OxmField.CtMark, OxmField.CtLabel, OxmField.CtNwSrc, OxmField.CtNwDst,
        OxmField.PktMark, OxmField.IpTtl, OxmField.ConjId,
    ];

    private static readonly Gen<ulong> U64 =
        from hi in Gen.Choose(int.MinValue, int.MaxValue)
        from lo in Gen.Choose(int.MinValue, int.MaxValue)
        select ((ulong)(uint)hi << 32) | (uint)lo;

    private static readonly Gen<UInt128> U128 = from hi in U64 from lo in U64 select new UInt128(hi, lo);

    private static readonly Gen<ushort> U16 = Gen.Choose(0, 65535).Select(v => (ushort)v);

    private static readonly Gen<byte> U8 = Gen.Choose(0, 255).Select(v => (byte)v);

    private static readonly Gen<MatchField> Field =
        from field in Gen.Elements(Fields)
        from value in U128
        from mask in U128
        from masked in Gen.Elements(false, true)
        select masked ? MatchField.Create(field, value, mask) : MatchField.Create(field, value & MatchField.FullMask(OxmFieldInfo.Width(field)));

    private static readonly Gen<Match> MatchGen =
        from fields in Gen.SubListOf(Fields)
        from values in Gen.ArrayOf(U128, fields.Count)
        select Match.Create(fields.Select((f, i) => MatchField.Create(f, values[i] & MatchField.FullMask(OxmFieldInfo.Width(f)))).ToArray());

    private static readonly Gen<NxFieldRef> RegSlice =
        from reg in Gen.Choose(0, 15)
        from offset in Gen.Choose(0, 31)
        from bits in Gen.Choose(1, 32 - offset)
        select new NxFieldRef(MatchField.RegField(reg), offset, bits);

    private static readonly Gen<IPAddress> V4 = Gen.Choose(int.MinValue, int.MaxValue).Select(v => new IPAddress(BitConverter.GetBytes(v)));

    private static readonly Gen<OfpAction> SimpleAction = Gen.OneOf(
        from port in Gen.Choose(0, int.MaxValue) from max in U16 select (OfpAction)new OutputAction((uint)port, max),
        Gen.Choose(0, int.MaxValue).Select(g => (OfpAction)new GroupAction((uint)g)),
        Field.Select(f => (OfpAction)new SetFieldAction(f)),
        Gen.Constant((OfpAction)new PushVlanAction()),
        Gen.Constant((OfpAction)new PopVlanAction()),
        Gen.Constant((OfpAction)new DecNwTtlAction()),
        U8.Select(t => (OfpAction)new SetNwTtlAction(t)),
        from port in U16 from table in U8 select (OfpAction)new NxResubmitAction(port, table),
        from src in RegSlice from reg in Gen.Choose(0, 15) select (OfpAction)new NxRegMoveAction(src, new NxFieldRef(MatchField.RegField(reg), 32 - src.NBits, src.NBits)),
        from dst in RegSlice from value in U64 select (OfpAction)new NxRegLoadAction(dst, value),
        from id in Gen.Choose(0, int.MaxValue) from n in Gen.Choose(2, 64) from k in Gen.Choose(0, 1) select (OfpAction)new NxConjunctionAction((uint)id, (byte)k, (byte)n),
        Gen.ArrayOf(U16).Select(ids => (OfpAction)new NxDecTtlAction(ids)),
        from max in U16 from id in U16 from reason in Gen.Elements(PacketInReason.NoMatch, PacketInReason.Action, PacketInReason.InvalidTtl) select (OfpAction)new NxControllerAction(max, id, reason),
        from max in U16 from id in U16 from data in Gen.ArrayOf(U8) from pause in Gen.Elements(false, true)
        select (OfpAction)new NxController2Action(max, id, PacketInReason.InvalidTtl, data, pause),
        from k in Gen.Choose(0, 3) from data in Gen.ArrayOf(U8, 6 + (8 * k)) select (OfpAction)new NxNoteAction(data),
        from table in U8 from idle in U16 from cookie in U64 from src in RegSlice from reg in Gen.Choose(0, 15)
        select (OfpAction)new NxLearnAction(table, IdleTimeout: idle, Cookie: cookie, Specs: new[]
        {
            NxLearnSpec.MatchField(new NxFieldRef(MatchField.RegField(reg), 0, src.NBits), src),
            NxLearnSpec.LoadImmediate(new byte[NxLearnSpec.ImmediateLength(src.NBits)], src),
            NxLearnSpec.Output(NxFieldRef.Whole(OxmField.NxmOfInPort)),
        }));

    private static readonly Gen<OfpAction> Nat =
        from flags in Gen.Choose(0, 31)
        from min in V4
        from max in Gen.Elements<IPAddress?>(null, IPAddress.Parse("10.0.0.9"))
        from ports in Gen.Elements(false, true)
        select (OfpAction)new NxNatAction((NxNatFlags)flags, min, max, ports ? (ushort)1024 : null, ports ? (ushort)2048 : null);

    private static readonly Gen<OfpAction> Conntrack =
        from commit in Gen.Elements(NxConntrackFlags.None, NxConntrackFlags.Commit, NxConntrackFlags.Commit | NxConntrackFlags.Force)
        from zone in U16
        from fromReg in Gen.Elements(false, true)
        from table in U8
        from nat in Nat
        from mark in U64
        select (OfpAction)new NxConntrackAction(
            commit,
            fromReg ? (ushort)0 : zone,
            fromReg ? new NxFieldRef(OxmField.Reg6, 0, 16) : null,
            table,
            0,
            [nat, new SetFieldAction(MatchField.CtMark((uint)mark))]);

    private static readonly Gen<ValueArray<OfpAction>> Actions =
        Gen.ListOf(Gen.Frequency((5, SimpleAction), (1, Conntrack))).Select(list => (ValueArray<OfpAction>)list.ToArray());

    private static readonly Gen<ValueArray<OfpInstruction>> InstructionsGen =
        from apply in Actions
        from write in Actions
        from goTo in U8
        from metadata in U64
        from parts in Gen.SubListOf(new[] { 0, 1, 2, 3, 4 })
        select (ValueArray<OfpInstruction>)parts.Select(p => p switch
        {
            0 => (OfpInstruction)new ApplyActionsInstruction(apply),
            1 => new ClearActionsInstruction(),
            2 => new WriteActionsInstruction(write),
            3 => new WriteMetadataInstruction(metadata, metadata | 0xff),
            _ => new GotoTableInstruction(goTo),
        }).ToArray();

    private static readonly Gen<FlowMod> FlowMods =
        from cookie in U64
        from table in U8
        from command in Gen.Elements(Enum.GetValues<FlowModCommand>())
        from priority in U16
        from idle in U16
        from flags in Gen.Choose(0, 31)
        from outPort in Gen.Elements(OfpPort.Any, 2u)
        from match in MatchGen
        from instructions in InstructionsGen
        where match.EncodedLength + OfpInstruction.ListLength(instructions) < 60000
        select new FlowMod
        {
            Xid = (uint)priority,
            Cookie = cookie,
            CookieMask = cookie >> 3,
            TableId = table,
            Command = command,
            Priority = priority,
            IdleTimeout = idle,
            HardTimeout = (ushort)(idle / 2),
            Flags = (FlowModFlags)flags,
            OutPort = outPort,
            Match = match,
            Instructions = instructions,
        };

    [Fact]
    public void EncodeThenDecode_IsIdentity() =>
        Prop.ForAll(Arb.From(FlowMods), flowMod =>
        {
            var decoded = OfpMessageDecoder.Decode(flowMod.ToArray());
            return decoded.Equals(flowMod) && decoded.GetHashCode() == flowMod.GetHashCode();
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Match_EqualityIgnoresConstructionOrder() =>
        Prop.ForAll(Arb.From(MatchGen), match =>
        {
            var reversed = Match.Create(match.Fields.ToArray().Reverse().ToArray());
            return reversed.Equals(match) && reversed.GetHashCode() == match.GetHashCode();
        }).QuickCheckThrowOnFailure();
}
