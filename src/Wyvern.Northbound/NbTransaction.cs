using Wyvern.Model;

namespace Wyvern.Northbound;

/// <summary>
/// Several writes applied at one revision, all or nothing (an API call that touches a port and a
/// floating IP writes both or neither). Build it, then <see cref="INbStore.CommitAsync"/>.
/// An id may appear only once per transaction.
/// </summary>
public sealed class NbTransaction
{
    private readonly List<NbOperation> _operations = [];
    // (table, id) of every operation: a bulk import adds tens of thousands, and a scan per add
    // made building one quadratic.
    private readonly HashSet<(string Table, string Id)> _keys = [];

    /// <summary>The operations in order.</summary>
    public IReadOnlyList<NbOperation> Operations => _operations;

    /// <summary>Adds a create of <paramref name="value"/>.</summary>
    public NbTransaction Create(NbObject value, long? leaseId = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Add(new NbOperation(NbOperationKind.Create, value.Table, value.Id, value, null, leaseId));
    }

    /// <summary>
    /// Adds a compare-and-swap update of <paramref name="value"/> against <c>value.Version</c>;
    /// without <paramref name="leaseId"/> the object keeps the lease it has.
    /// </summary>
    public NbTransaction Update(NbObject value, long? leaseId = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Add(new NbOperation(NbOperationKind.Update, value.Table, value.Id, value, value.Version, leaseId));
    }

    /// <summary>Adds a delete of <paramref name="id"/> in table <typeparamref name="T"/>.</summary>
    public NbTransaction Delete<T>(string id, long? expectedVersion = null) where T : NbObject =>
        Add(new NbOperation(NbOperationKind.Delete, NbTables.NameOf<T>(), id, null, expectedVersion, null));

    private NbTransaction Add(NbOperation operation)
    {
        if (!_keys.Add((operation.Table, operation.Id)))
        {
            throw new ArgumentException($"{operation.Table}/{operation.Id} appears twice in one transaction", nameof(operation));
        }
        _operations.Add(operation);
        return this;
    }
}
