namespace Wyvern.Model;

/// <summary>
/// An object that appears in flows and so carries a small integer key, allocated by the
/// NB store from <see cref="KeySpace"/> and unique in it (DESIGN.md: reg6/reg7 port keys,
/// metadata network key, reg5 router key).
/// </summary>
public interface IKeyed
{
    /// <summary>The allocated key; 0 means not yet allocated.</summary>
    int Key { get; }

    /// <summary>The key space the key comes from (one of <see cref="KeySpaces"/>).</summary>
    string KeySpace { get; }
}
