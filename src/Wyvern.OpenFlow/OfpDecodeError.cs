namespace Wyvern.OpenFlow;

/// <summary>Why bytes could not be decoded as OpenFlow.</summary>
public enum OfpDecodeError
{
    /// <summary>The input ends before the structure it announces.</summary>
    Truncated = 1,

    /// <summary>A length exceeds the configured maximum frame size.</summary>
    Oversized,

    /// <summary>The header carries a version other than OpenFlow 1.3 (0x04).</summary>
    WrongVersion,

    /// <summary>A length field disagrees with the structure or with its container.</summary>
    BadLength,

    /// <summary>A value is outside what the spec allows (for example a known OXM field with the wrong width).</summary>
    BadValue,
}
