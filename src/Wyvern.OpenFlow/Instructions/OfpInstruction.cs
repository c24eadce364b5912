using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Instructions;

/// <summary>
/// An instruction of a flow entry (OF 1.3.5 §7.2.4: type(2) len(2) body, len a multiple of 8).
/// Records: value-equal.
/// </summary>
public abstract record OfpInstruction
{
    /// <summary>Bytes on the wire including the header.</summary>
    public abstract int EncodedLength { get; }

    internal abstract void Write(ref SpanWriter writer);

    /// <summary>Total wire length of a list of instructions.</summary>
    public static int ListLength(ValueArray<OfpInstruction> instructions)
    {
        var length = 0;
        foreach (var instruction in instructions)
        {
            length += instruction.EncodedLength;
        }

        return length;
    }

    internal static void WriteList(ref SpanWriter writer, ValueArray<OfpInstruction> instructions)
    {
        foreach (var instruction in instructions)
        {
            instruction.Write(ref writer);
        }
    }
}
