using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Actions;

/// <summary>
/// controller(userdata=…, reason=…, max_len=…, id=…, pause). nicira-ext.h
/// nx_action_controller2: nx header(10) pad(6) = 16, then properties, each
/// type(2) len(2) value padded to 8: MAX_LEN=0 (u16 + 2 pad, len 8), CONTROLLER_ID=1
/// (u16 + 2 pad, len 8), REASON=2 (u8 + 3 pad, len 8, as ofp-prop.c writes them), USERDATA=3 (bytes), PAUSE=4 (none). As Open vSwitch does,
/// only non-default properties are written.
/// </summary>
public sealed record NxController2Action(
    ushort MaxLength = OfpPort.NoBuffer,
    ushort ControllerId = 0,
    PacketInReason Reason = PacketInReason.Action,
    ValueArray<byte> UserData = default,
    bool Pause = false) : OfpAction
{
    private const ushort PropMaxLen = 0;
    private const ushort PropControllerId = 1;
    private const ushort PropReason = 2;
    private const ushort PropUserData = 3;
    private const ushort PropPause = 4;

    public override int EncodedLength
    {
        get
        {
            var length = 16;
            length += MaxLength != OfpPort.NoBuffer ? 8 : 0;
            length += ControllerId != 0 ? 8 : 0;
            length += Reason != PacketInReason.Action ? 8 : 0;
            length += UserData.Count > 0 ? Pad.To8(4 + UserData.Count) : 0;
            length += Pause ? 8 : 0;
            return length;
        }
    }

    internal override void Write(ref SpanWriter writer)
    {
        NxHeader.Write(ref writer, EncodedLength, NxActionSubtype.Controller2);
        writer.Zeros(6);
        if (MaxLength != OfpPort.NoBuffer)
        {
            writer.U16(PropMaxLen);
            writer.U16(8);
            writer.U16(MaxLength);
            writer.Zeros(2);
        }

        if (ControllerId != 0)
        {
            writer.U16(PropControllerId);
            writer.U16(8);
            writer.U16(ControllerId);
            writer.Zeros(2);
        }

        if (Reason != PacketInReason.Action)
        {
            writer.U16(PropReason);
            writer.U16(8);
            writer.U8((byte)Reason);
            writer.Zeros(3);
        }

        if (UserData.Count > 0)
        {
            var start = writer.Position;
            writer.U16(PropUserData);
            writer.U16((ushort)(4 + UserData.Count));
            writer.Bytes(UserData.Span);
            writer.PadTo8(start);
        }

        if (Pause)
        {
            writer.U16(PropPause);
            writer.U16(4);
            writer.Zeros(4);
        }
    }

    internal static NxController2Action Read(ref SpanReader body)
    {
        body.Skip(6);
        var action = new NxController2Action();
        while (!body.IsEmpty)
        {
            var type = body.U16();
            var length = body.U16();
            if (length < 4)
            {
                throw new OfpDecodeException(OfpDecodeError.BadLength, $"controller2 property length {length}");
            }

            var value = body.Sub(length - 4);
            body.Skip(Math.Min(body.Remaining, Pad.To8(length) - length));
            action = type switch
            {
                PropMaxLen => action with { MaxLength = value.U16() },
                PropControllerId => action with { ControllerId = value.U16() },
                PropReason => action with { Reason = (PacketInReason)value.U8() },
                PropUserData => action with { UserData = ValueArray.Create(value.Rest) },
                PropPause => action with { Pause = true },
                _ => throw new OfpDecodeException(OfpDecodeError.BadValue, $"unknown controller2 property {type}"),
            };
        }

        return action;
    }
}
