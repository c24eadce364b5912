using Wyvern.Model;

namespace Wyvern.Northbound;

/// <summary>One object changed.</summary>
/// <param name="Kind">Put or delete.</param>
/// <param name="Table">The table.</param>
/// <param name="Id">The object id.</param>
/// <param name="Value">The new object for a put (its Version is the revision); null for a delete.</param>
public sealed record NbChange(NbChangeKind Kind, string Table, string Id, NbObject? Value);
