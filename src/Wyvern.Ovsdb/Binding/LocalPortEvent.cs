namespace Wyvern.Ovsdb.Binding;

/// <summary>One change to a local port: <see cref="Port"/> is the port now (for Unplugged: as it
/// was), <see cref="Previous"/> the port before (for OfportChanged and Updated).</summary>
public sealed record LocalPortEvent(LocalPortEventKind Kind, LocalPort Port, LocalPort? Previous = null);
