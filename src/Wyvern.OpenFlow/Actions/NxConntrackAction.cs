using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Actions;

/// <summary>
/// ct(commit, zone=…, table=…, alg=…, nat(…), exec(…)). nicira-ext.h
/// nx_action_conntrack: nx header(10) flags(2) zone_src(4) zone_ofs_nbits|zone_imm(2)
/// recirc_table(1) pad(3) alg(2) = 24, then nested actions (nat, set_field of
/// ct_mark/ct_label). The zone is an immediate (<paramref name="ZoneField"/> null)
/// or a field range such as NXM_NX_REG6[0..15].
/// </summary>
public sealed record NxConntrackAction(
    NxConntrackFlags Flags = NxConntrackFlags.None,
    ushort Zone = 0,
    NxFieldRef? ZoneField = null,
    byte Table = NxConntrackAction.NoRecirculation,
    ushort Alg = 0,
    ValueArray<OfpAction> Actions = default) : OfpAction
{
    /// <summary>recirc_table value meaning "do not recirculate".</summary>
    public const byte NoRecirculation = 0xff;

    public override int EncodedLength => 24 + ListLength(Actions);

    internal override void Write(ref SpanWriter writer)
    {
        NxHeader.Write(ref writer, EncodedLength, NxActionSubtype.Conntrack);
        writer.U16((ushort)Flags);
        if (ZoneField is { } zoneField)
        {
            writer.U32(zoneField.Header);
            writer.U16(zoneField.OffsetNBits);
        }
        else
        {
            writer.U32(0);
            writer.U16(Zone);
        }

        writer.U8(Table);
        writer.Zeros(3);
        writer.U16(Alg);
        WriteList(ref writer, Actions);
    }

    internal static NxConntrackAction Read(ref SpanReader body)
    {
        var flags = (NxConntrackFlags)body.U16();
        var zoneSource = body.U32();
        var zone = body.U16();
        var table = body.U8();
        body.Skip(3);
        var alg = body.U16();
        var actions = ActionReader.ReadList(ref body, body.Remaining);
        return zoneSource == 0
            ? new NxConntrackAction(flags, zone, null, table, alg, actions)
            : new NxConntrackAction(flags, 0, NxFieldRef.FromOffsetNBits(zoneSource, zone), table, alg, actions);
    }
}
