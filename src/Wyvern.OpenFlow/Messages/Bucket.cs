using Wyvern.OpenFlow.Actions;
using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>OF 1.3.5 §7.3.4.2 ofp_bucket: len(2) weight(2) watch_port(4) watch_group(4) pad(4) actions.</summary>
public sealed record Bucket(
    ValueArray<OfpAction> Actions,
    ushort Weight = 0,
    uint WatchPort = OfpPort.Any,
    uint WatchGroup = OfpPort.AnyGroup)
{
    internal int EncodedLength => 16 + OfpAction.ListLength(Actions);

    internal void Write(ref SpanWriter writer)
    {
        writer.U16((ushort)EncodedLength);
        writer.U16(Weight);
        writer.U32(WatchPort);
        writer.U32(WatchGroup);
        writer.Zeros(4);
        OfpAction.WriteList(ref writer, Actions);
    }

    internal static Bucket Read(ref SpanReader reader)
    {
        var length = reader.U16();
        if (length < 16)
        {
            throw new OfpDecodeException(OfpDecodeError.BadLength, $"bucket length {length} < 16");
        }

        var weight = reader.U16();
        var watchPort = reader.U32();
        var watchGroup = reader.U32();
        reader.Skip(4);
        var actions = ActionReader.ReadList(ref reader, length - 16);
        return new Bucket(actions, weight, watchPort, watchGroup);
    }
}
