using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Actions;

/// <summary>
/// note:hex bytes (a comment stored with the flow). nicira-ext.h nx_action_note:
/// nx header(10) note bytes, zero-padded to 8 (at least 16 in all). Decoding
/// keeps the padding zeros, as Open vSwitch does.
/// </summary>
public sealed record NxNoteAction(ValueArray<byte> Note) : OfpAction
{
    public override int EncodedLength => Math.Max(16, Pad.To8(NxHeader.Size + Note.Count));

    internal override void Write(ref SpanWriter writer)
    {
        var length = EncodedLength;
        NxHeader.Write(ref writer, length, NxActionSubtype.Note);
        writer.Bytes(Note.Span);
        writer.Zeros(length - NxHeader.Size - Note.Count);
    }

    internal static NxNoteAction Read(ref SpanReader body) => new(ValueArray.Create(body.Rest));
}
