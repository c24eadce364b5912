using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Actions;

/// <summary>
/// learn(table=…, idle_timeout=…, priority=…, specs…): adds or modifies a flow from
/// the packet being processed. nicira-ext.h nx_action_learn: nx header(10)
/// idle_timeout(2) hard_timeout(2) priority(2) cookie(8) flags(2) table_id(1)
/// pad(1) fin_idle_timeout(2) fin_hard_timeout(2) = 32, then flow_mod_specs,
/// zero-padded to 8.
/// </summary>
public sealed record NxLearnAction(
    byte Table,
    ushort IdleTimeout = 0,
    ushort HardTimeout = 0,
    ushort Priority = 0x8000,
    ulong Cookie = 0,
    ushort Flags = 0,
    ushort FinIdleTimeout = 0,
    ushort FinHardTimeout = 0,
    ValueArray<NxLearnSpec> Specs = default) : OfpAction
{
    public override int EncodedLength
    {
        get
        {
            var length = 32;
            foreach (var spec in Specs)
            {
                length += spec.EncodedLength;
            }

            return Pad.To8(length);
        }
    }

    internal override void Write(ref SpanWriter writer)
    {
        var start = writer.Position;
        NxHeader.Write(ref writer, EncodedLength, NxActionSubtype.Learn);
        writer.U16(IdleTimeout);
        writer.U16(HardTimeout);
        writer.U16(Priority);
        writer.U64(Cookie);
        writer.U16(Flags);
        writer.U8(Table);
        writer.U8(0);
        writer.U16(FinIdleTimeout);
        writer.U16(FinHardTimeout);
        foreach (var spec in Specs)
        {
            spec.Write(ref writer);
        }

        writer.PadTo8(start);
    }

    internal static NxLearnAction Read(ref SpanReader body)
    {
        var idle = body.U16();
        var hard = body.U16();
        var priority = body.U16();
        var cookie = body.U64();
        var flags = body.U16();
        var table = body.U8();
        body.Skip(1);
        var finIdle = body.U16();
        var finHard = body.U16();
        var specs = new List<NxLearnSpec>();
        while (body.Remaining >= 2)
        {
            var header = body.U16();
            if (header == 0)
            {
                break; // the rest is padding
            }

            specs.Add(NxLearnSpec.Read(header, ref body));
        }

        return new NxLearnAction(table, idle, hard, priority, cookie, flags, finIdle, finHard, specs.ToArray());
    }
}
