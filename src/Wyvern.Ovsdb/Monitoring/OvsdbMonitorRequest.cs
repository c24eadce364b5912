using Wyvern.Ovsdb.Transactions;

namespace Wyvern.Ovsdb.Monitoring;

/// <summary>What to monitor in one table (ovsdb-server(7) §4.1.12 <c>&lt;monitor-cond-request&gt;</c>).</summary>
/// <param name="Table">Table name.</param>
/// <param name="Columns">Columns to replicate; null for every column of the server's schema.</param>
/// <param name="Where">Conditions (OR-ed by the server); null or empty for every row. Ignored by
/// servers without <c>monitor_cond</c> (the plain <c>monitor</c> fallback has no conditions).</param>
public sealed record OvsdbMonitorRequest(string Table, IReadOnlyList<string>? Columns = null, IReadOnlyList<OvsdbCondition>? Where = null);
