namespace Wyvern.Ovsdb.Binding;

/// <summary>The events of one database change (or one resync after a reconnect), in order —
/// unplugs first, then changes, then plugs — with the view after them.</summary>
public sealed record LocalPortBatch(IReadOnlyList<LocalPortEvent> Events, LocalPortView View, bool IsResync);
