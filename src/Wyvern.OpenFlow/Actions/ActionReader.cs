using Wyvern.OpenFlow.Encoding;
using Wyvern.OpenFlow.Matching;

namespace Wyvern.OpenFlow.Actions;

/// <summary>Decodes action lists (OF 1.3.5 §7.2.5) including Nicira actions; unknown ones become <see cref="UnknownAction"/>.</summary>
internal static class ActionReader
{
    public static ValueArray<OfpAction> ReadList(ref SpanReader reader, int length)
    {
        var list = reader.Sub(length);
        if (list.IsEmpty)
        {
            return default;
        }

        var actions = new List<OfpAction>(4);
        while (!list.IsEmpty)
        {
            actions.Add(Read(ref list));
        }

        return actions.ToArray();
    }

    public static OfpAction Read(ref SpanReader reader)
    {
        var type = reader.PeekU16();
        var length = reader.PeekU16(2);
        if (length < 8 || length % 8 != 0)
        {
            throw new OfpDecodeException(OfpDecodeError.BadLength, $"action type {type} has length {length}");
        }

        if (length > reader.Remaining)
        {
            throw new OfpDecodeException(OfpDecodeError.Truncated, $"action type {type} has length {length}, {reader.Remaining} bytes left");
        }

        var whole = reader.Sub(length);
        var body = whole;
        body.Skip(4);
        switch ((OfpActionType)type)
        {
            case OfpActionType.Output when length == 16:
                return OutputAction.Read(ref body);
            case OfpActionType.Group when length == 8:
                return new GroupAction(body.U32());
            case OfpActionType.PushVlan when length == 8:
                return new PushVlanAction(body.U16());
            case OfpActionType.PopVlan when length == 8:
                return new PopVlanAction();
            case OfpActionType.DecNwTtl when length == 8:
                return new DecNwTtlAction();
            case OfpActionType.SetNwTtl when length == 8:
                return new SetNwTtlAction(body.U8());
            case OfpActionType.SetField:
                return ReadSetField(ref body, expectMask: false, type, whole);
            case OfpActionType.Experimenter when length >= 16:
                return ReadExperimenter(ref body, type, whole);
            default:
                return Unknown(type, whole);
        }
    }

    private static OfpAction ReadExperimenter(ref SpanReader body, ushort type, SpanReader whole)
    {
        var vendor = body.U32();
        if (vendor != NxHeader.NiciraVendorId)
        {
            return Unknown(type, whole);
        }

        var subtype = (NxActionSubtype)body.U16();
        return subtype switch
        {
            NxActionSubtype.Resubmit or NxActionSubtype.ResubmitTable => NxResubmitAction.Read(ref body, subtype),
            NxActionSubtype.RegMove => NxRegMoveAction.Read(ref body),
            NxActionSubtype.RegLoad => NxRegLoadAction.Read(ref body),
            NxActionSubtype.RegLoad2 => ReadSetField(ref body, expectMask: true, type, whole),
            NxActionSubtype.Note => NxNoteAction.Read(ref body),
            NxActionSubtype.Learn => NxLearnAction.Read(ref body),
            NxActionSubtype.Controller => NxControllerAction.Read(ref body),
            NxActionSubtype.Controller2 => NxController2Action.Read(ref body),
            NxActionSubtype.DecTtlCntIds => NxDecTtlAction.Read(ref body),
            NxActionSubtype.Conjunction => NxConjunctionAction.Read(ref body),
            NxActionSubtype.Conntrack => NxConntrackAction.Read(ref body),
            NxActionSubtype.Nat => NxNatAction.Read(ref body),
            _ => Unknown(type, whole),
        };
    }

    private static OfpAction ReadSetField(ref SpanReader body, bool expectMask, ushort type, SpanReader whole)
    {
        var header = body.PeekU16() << 16 | body.PeekU16(2);
        var hasMask = (header & 0x100) != 0;
        if (hasMask != expectMask || !OxmFieldInfo.IsKnown((OxmField)(header & 0xffff_fe00)))
        {
            return Unknown(type, whole);
        }

        var field = MatchField.Read(ref body);
        foreach (var padding in body.Rest)
        {
            if (padding != 0)
            {
                throw new OfpDecodeException(OfpDecodeError.BadValue, "non-zero padding after set_field");
            }
        }

        return new SetFieldAction(field);
    }

    private static UnknownAction Unknown(ushort type, SpanReader whole)
    {
        whole.Skip(4);
        return new UnknownAction(type, ValueArray.Create(whole.Rest));
    }
}
