using Wyvern.OpenFlow.Actions;
using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Instructions;

/// <summary>Decodes instruction lists (OF 1.3.5 §7.2.4).</summary>
internal static class InstructionReader
{
    public static ValueArray<OfpInstruction> ReadList(ref SpanReader reader, int length)
    {
        var list = reader.Sub(length);
        if (list.IsEmpty)
        {
            return default;
        }

        var instructions = new List<OfpInstruction>(2);
        while (!list.IsEmpty)
        {
            instructions.Add(Read(ref list));
        }

        return instructions.ToArray();
    }

    private static OfpInstruction Read(ref SpanReader reader)
    {
        var type = reader.PeekU16();
        var length = reader.PeekU16(2);
        if (length < 8 || length % 8 != 0)
        {
            throw new OfpDecodeException(OfpDecodeError.BadLength, $"instruction type {type} has length {length}");
        }

        if (length > reader.Remaining)
        {
            throw new OfpDecodeException(OfpDecodeError.Truncated, $"instruction type {type} has length {length}, {reader.Remaining} bytes left");
        }

        var whole = reader.Sub(length);
        var body = whole;
        body.Skip(4);
        switch ((OfpInstructionType)type)
        {
            case OfpInstructionType.GotoTable when length == 8:
                return new GotoTableInstruction(body.U8());
            case OfpInstructionType.WriteMetadata when length == 24:
                body.Skip(4);
                var metadata = body.U64();
                return new WriteMetadataInstruction(metadata, body.U64());
            case OfpInstructionType.ApplyActions:
                body.Skip(4);
                return new ApplyActionsInstruction(ActionReader.ReadList(ref body, body.Remaining));
            case OfpInstructionType.WriteActions:
                body.Skip(4);
                return new WriteActionsInstruction(ActionReader.ReadList(ref body, body.Remaining));
            case OfpInstructionType.ClearActions when length == 8:
                return new ClearActionsInstruction();
            case OfpInstructionType.Meter when length == 8:
                return new MeterInstruction(body.U32());
            default:
                whole.Skip(4);
                return new UnknownInstruction(type, ValueArray.Create(whole.Rest));
        }
    }
}
