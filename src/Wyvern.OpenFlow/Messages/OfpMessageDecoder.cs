using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>Decodes one complete OpenFlow 1.3 message (a frame from <see cref="Framing.OfpFrameReader"/>).</summary>
public static class OfpMessageDecoder
{
    /// <summary>Decodes <paramref name="frame"/>; throws <see cref="OfpDecodeException"/> on invalid input.</summary>
    public static OfpMessage Decode(ReadOnlySpan<byte> frame)
    {
        if (!OfpHeader.TryRead(frame, out var header))
        {
            throw new OfpDecodeException(OfpDecodeError.Truncated, $"{frame.Length} bytes is shorter than a header");
        }

        if (header.Length < OfpHeader.Size)
        {
            throw new OfpDecodeException(OfpDecodeError.BadLength, $"header length {header.Length} < 8");
        }

        if (header.Length > frame.Length)
        {
            throw new OfpDecodeException(OfpDecodeError.Truncated, $"header says {header.Length} bytes, have {frame.Length}");
        }

        if (header.Length < frame.Length)
        {
            throw new OfpDecodeException(OfpDecodeError.BadLength, $"header says {header.Length} bytes, frame has {frame.Length}");
        }

        if (header.Version != OfpHeader.Version13 && header.Type != OfpType.Hello)
        {
            throw new OfpDecodeException(OfpDecodeError.WrongVersion, $"version 0x{header.Version:x2} is not OpenFlow 1.3");
        }

        var body = new SpanReader(frame[OfpHeader.Size..header.Length]);
        var message = DecodeBody(header, ref body);
        return message with { Xid = header.Xid };
    }

    /// <summary>Decodes without throwing; <paramref name="error"/> says why it failed.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> frame, out OfpMessage? message, out OfpDecodeException? error)
    {
        try
        {
            message = Decode(frame);
            error = null;
            return true;
        }
        catch (OfpDecodeException ex)
        {
            message = null;
            error = ex;
            return false;
        }
    }

    private static OfpMessage DecodeBody(OfpHeader header, ref SpanReader body) => header.Type switch
    {
        OfpType.Hello => Hello.Read(header, ref body),
        OfpType.Error => ErrorMessage.Read(ref body),
        OfpType.EchoRequest => new EchoRequest(ValueArray.Create(body.Rest)),
        OfpType.EchoReply => new EchoReply(ValueArray.Create(body.Rest)),
        OfpType.Experimenter => ExperimenterReader.Read(ref body),
        OfpType.FeaturesRequest => Empty(new FeaturesRequest(), ref body),
        OfpType.FeaturesReply => FeaturesReply.Read(ref body),
        OfpType.GetConfigRequest => Empty(new GetConfigRequest(), ref body),
        OfpType.GetConfigReply => new GetConfigReply(body.U16(), body.U16()),
        OfpType.SetConfig => new SetConfig(body.U16(), body.U16()),
        OfpType.PacketIn => PacketIn.Read(ref body),
        OfpType.FlowRemoved => FlowRemoved.Read(ref body),
        OfpType.PortStatus => PortStatus.Read(ref body),
        OfpType.PacketOut => PacketOut.Read(ref body),
        OfpType.FlowMod => FlowMod.Read(ref body),
        OfpType.GroupMod => GroupMod.Read(ref body),
        OfpType.MultipartRequest => MultipartReader.ReadRequest(ref body),
        OfpType.MultipartReply => MultipartReader.ReadReply(ref body),
        OfpType.BarrierRequest => Empty(new BarrierRequest(), ref body),
        OfpType.BarrierReply => Empty(new BarrierReply(), ref body),
        OfpType.RoleRequest => new RoleRequest((ControllerRole)body.U32(), Skip(ref body, 4).U64()),
        OfpType.RoleReply => new RoleReply((ControllerRole)body.U32(), Skip(ref body, 4).U64()),
        OfpType.GetAsyncRequest => Empty(new GetAsyncRequest(), ref body),
        OfpType.GetAsyncReply => new GetAsyncReply(AsyncMasks.Read(ref body)),
        OfpType.SetAsync => new SetAsync(AsyncMasks.Read(ref body)),
        _ => new UnknownMessage(header.Type, ValueArray.Create(body.Rest)),
    };

    private static ref SpanReader Skip(ref SpanReader body, int count)
    {
        body.Skip(count);
        return ref body;
    }

    private static OfpMessage Empty(OfpMessage message, ref SpanReader body) =>
        body.IsEmpty ? message : throw new OfpDecodeException(OfpDecodeError.BadLength, $"{message.Type} has a {body.Remaining}-byte body, expected none");
}
