using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Actions;

/// <summary>The 10-byte header shared by Nicira actions: type=0xffff, len, vendor=NX_VENDOR_ID, subtype.</summary>
internal static class NxHeader
{
    public const uint NiciraVendorId = 0x0000_2320;

    public const int Size = 10;

    public static void Write(ref SpanWriter writer, int length, NxActionSubtype subtype)
    {
        writer.U16(0xffff);
        writer.U16((ushort)length);
        writer.U32(NiciraVendorId);
        writer.U16((ushort)subtype);
    }
}
