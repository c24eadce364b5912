using Wyvern.Model;

namespace Wyvern.Northbound;

/// <summary>One operation of an <see cref="NbTransaction"/>.</summary>
/// <param name="Kind">Create, update or delete.</param>
/// <param name="Table">The table.</param>
/// <param name="Id">The object id.</param>
/// <param name="Value">The object to write (null for a delete).</param>
/// <param name="ExpectedVersion">For update: the version the stored object must have; for delete: the same, or null for any.</param>
/// <param name="LeaseId">For create and update: the lease to attach the object to.</param>
public sealed record NbOperation(
    NbOperationKind Kind, string Table, string Id, NbObject? Value, long? ExpectedVersion, long? LeaseId);
