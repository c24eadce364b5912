using Wyvern.Ovsdb.Values;

namespace Wyvern.Ovsdb.Transactions;

/// <summary>The result of one successful operation (RFC 7047 §5.2): the new row's uuid for an
/// insert, the row count for update/mutate/delete, the rows for a select.</summary>
public sealed record OvsdbOperationResult(Guid? Uuid, long? Count, IReadOnlyList<OvsdbRow> Rows);
