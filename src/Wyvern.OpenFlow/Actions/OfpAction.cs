using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Actions;

/// <summary>
/// An OpenFlow action (OF 1.3.5 §7.2.5: type(2) len(2) body, len a multiple of 8)
/// or a Nicira extension action (nicira-ext.h: type=0xffff len(2)
/// vendor=0x00002320(4) subtype(2) body). Records: value-equal.
/// </summary>
public abstract record OfpAction
{
    /// <summary>Bytes on the wire including the header and padding.</summary>
    public abstract int EncodedLength { get; }

    internal abstract void Write(ref SpanWriter writer);

    /// <summary>Total wire length of a list of actions.</summary>
    public static int ListLength(ValueArray<OfpAction> actions)
    {
        var length = 0;
        foreach (var action in actions)
        {
            length += action.EncodedLength;
        }

        return length;
    }

    internal static void WriteList(ref SpanWriter writer, ValueArray<OfpAction> actions)
    {
        foreach (var action in actions)
        {
            action.Write(ref writer);
        }
    }
}
