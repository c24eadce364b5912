using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>
/// OF 1.3.5 §7.5.1 ofp_hello: header, then elements type(2) length(2) body padded
/// to 8. Element OFPHET_VERSIONBITMAP(1) holds u32 bitmaps: bit n of word k set
/// means version 32k+n is supported. Unknown elements are ignored (§7.5.1).
/// </summary>
public sealed record Hello(ValueArray<uint> VersionBitmap, byte HeaderVersion = OfpHeader.Version13) : OfpMessage
{
    /// <summary>The HELLO Wyvern sends: version 1.3 only (bitmap 0x10).</summary>
    public static Hello OpenFlow13 { get; } = new(new uint[] { 1u << OfpHeader.Version13 });

    public override OfpType Type => OfpType.Hello;

    public override byte Version => HeaderVersion;

    public override int BodyLength => VersionBitmap.IsEmpty ? 0 : Pad.To8(4 + (4 * VersionBitmap.Count));

    /// <summary>True if the peer offers <paramref name="version"/> (by bitmap, or by header version when there is none).</summary>
    public bool Supports(byte version)
    {
        if (VersionBitmap.IsEmpty)
        {
            return HeaderVersion >= version;
        }

        var word = version / 32;
        return word < VersionBitmap.Count && (VersionBitmap[word] & (1u << (version % 32))) != 0;
    }

    internal override void WriteBody(ref SpanWriter writer, uint xid)
    {
        if (VersionBitmap.IsEmpty)
        {
            return;
        }

        var start = writer.Position;
        writer.U16(1);
        writer.U16((ushort)(4 + (4 * VersionBitmap.Count)));
        foreach (var word in VersionBitmap)
        {
            writer.U32(word);
        }

        writer.PadTo8(start);
    }

    internal static Hello Read(OfpHeader header, ref SpanReader body)
    {
        var bitmap = new List<uint>();
        while (body.Remaining >= 4)
        {
            var type = body.U16();
            var length = body.U16();
            if (length < 4)
            {
                throw new OfpDecodeException(OfpDecodeError.BadLength, $"hello element length {length}");
            }

            var element = body.Sub(length - 4);
            body.Skip(Math.Min(body.Remaining, Pad.To8(length) - length));
            if (type == 1)
            {
                while (element.Remaining >= 4)
                {
                    bitmap.Add(element.U32());
                }
            }
        }

        return new Hello(bitmap.ToArray(), header.Version);
    }
}
