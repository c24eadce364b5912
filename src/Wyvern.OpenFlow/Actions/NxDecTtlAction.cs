using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Actions;

/// <summary>
/// dec_ttl(id1,id2,…): decrement TTL and send TTL-exceeded packets to these
/// controller ids. nicira-ext.h nx_action_cnt_ids: nx header(10) n_controllers(2)
/// zeros(4) ids(2 each) pad(to 8). Plain dec_ttl is <see cref="DecNwTtlAction"/>.
/// </summary>
public sealed record NxDecTtlAction(ValueArray<ushort> ControllerIds) : OfpAction
{
    public override int EncodedLength => Pad.To8(16 + (2 * ControllerIds.Count));

    internal override void Write(ref SpanWriter writer)
    {
        var start = writer.Position;
        NxHeader.Write(ref writer, EncodedLength, NxActionSubtype.DecTtlCntIds);
        writer.U16((ushort)ControllerIds.Count);
        writer.Zeros(4);
        foreach (var id in ControllerIds)
        {
            writer.U16(id);
        }

        writer.PadTo8(start);
    }

    internal static NxDecTtlAction Read(ref SpanReader body)
    {
        var count = body.U16();
        body.Skip(4);
        var ids = new ushort[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = body.U16();
        }

        return new NxDecTtlAction(ids);
    }
}
