namespace Wyvern.OpenFlow.Encoding;

/// <summary>OpenFlow aligns actions, instructions, matches and properties to 8 bytes.</summary>
internal static class Pad
{
    public static int To8(int length) => (length + 7) & ~7;
}
