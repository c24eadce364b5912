namespace Wyvern.Pipeline;

/// <summary>
/// The cookie scheme. Every Wyvern flow's cookie is
/// <c>0x5759 (16 bits, "WY") | app id (8 bits) | 40 zero bits</c>. The reconciler
/// dumps and deletes with cookie mask <see cref="WyvernMask"/>, so flows that
/// somebody else installed on the bridge are never seen, changed or removed.
/// </summary>
public static class FlowCookie
{
    /// <summary>The marker in the top 16 bits.</summary>
    public const ulong Marker = 0x5759UL << 48;

    /// <summary>Selects the marker bits.</summary>
    public const ulong WyvernMask = 0xffffUL << 48;

    /// <summary>Selects marker and app.</summary>
    public const ulong AppMask = 0xffffffUL << 40;

    /// <summary>The cookie of flows owned by <paramref name="app"/>.</summary>
    public static ulong For(AppId app) => Marker | ((ulong)app << 40);

    /// <summary>True for a cookie Wyvern wrote.</summary>
    public static bool IsWyvern(ulong cookie) => (cookie & WyvernMask) == Marker;

    /// <summary>The app of a Wyvern cookie, or null for a cookie that is not Wyvern's.</summary>
    public static AppId? AppOf(ulong cookie) => IsWyvern(cookie) ? (AppId)(byte)(cookie >> 40) : null;
}
