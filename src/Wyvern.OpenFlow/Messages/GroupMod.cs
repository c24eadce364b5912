using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>OF 1.3.5 §7.3.4.2 ofp_group_mod: command(2) type(1) pad(1) group_id(4) buckets.</summary>
public sealed record GroupMod(GroupModCommand Command, GroupType GroupType, uint GroupId, ValueArray<Bucket> Buckets = default) : OfpMessage
{
    public override OfpType Type => OfpType.GroupMod;

    public override int BodyLength
    {
        get
        {
            var length = 8;
            foreach (var bucket in Buckets)
            {
                length += bucket.EncodedLength;
            }

            return length;
        }
    }

    internal override void WriteBody(ref SpanWriter writer, uint xid)
    {
        writer.U16((ushort)Command);
        writer.U8((byte)GroupType);
        writer.U8(0);
        writer.U32(GroupId);
        foreach (var bucket in Buckets)
        {
            bucket.Write(ref writer);
        }
    }

    internal static GroupMod Read(ref SpanReader body)
    {
        var command = (GroupModCommand)body.U16();
        var type = (GroupType)body.U8();
        body.Skip(1);
        var groupId = body.U32();
        var buckets = new List<Bucket>();
        while (!body.IsEmpty)
        {
            buckets.Add(Bucket.Read(ref body));
        }

        return new GroupMod(command, type, groupId, buckets.ToArray());
    }
}
