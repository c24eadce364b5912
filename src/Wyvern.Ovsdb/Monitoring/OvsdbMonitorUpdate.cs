namespace Wyvern.Ovsdb.Monitoring;

/// <summary>One batch of row changes (one server transaction, one snapshot or one resync),
/// with the monitor's whole view after the batch.</summary>
public sealed record OvsdbMonitorUpdate(OvsdbMonitorUpdateKind Kind, IReadOnlyList<OvsdbRowChange> Changes, OvsdbDatabaseView View);
