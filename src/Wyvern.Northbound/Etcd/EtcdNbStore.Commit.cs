using System.Globalization;

namespace Wyvern.Northbound.Etcd;

public sealed partial class EtcdNbStore
{
    /// <inheritdoc/>
    protected override async Task<long> CommitOperationsAsync(IReadOnlyList<NbOperation> operations, CancellationToken cancellationToken)
    {
        var keys = operations.Select(o => ObjectKey(o.Table, o.Id)).ToArray();
        var compares = new List<EtcdCompare>();
        var success = new List<EtcdRequestOp>();
        for (var i = 0; i < operations.Count; i++)
        {
            var op = operations[i];
            compares.Add(op switch
            {
                // create_revision 0 ⇔ the key does not exist
                { Kind: NbOperationKind.Create } => new EtcdCompare("EQUAL", "CREATE", keys[i], CreateRevision: 0),
                { Kind: NbOperationKind.Update } => new EtcdCompare("EQUAL", "MOD", keys[i], ModRevision: op.ExpectedVersion ?? 0),
                { ExpectedVersion: { } expected } => new EtcdCompare("EQUAL", "MOD", keys[i], ModRevision: expected),
                _ => new EtcdCompare("GREATER", "CREATE", keys[i], CreateRevision: 0),
            });
            success.Add(op.Kind == NbOperationKind.Delete
                ? new EtcdRequestOp(RequestDeleteRange: new EtcdDeleteRangeRequest(keys[i]))
                : new EtcdRequestOp(RequestPut: new EtcdPutRequest(
                    keys[i],
                    NbCodec.Encode(op.Value!),
                    op.LeaseId ?? 0,
                    // an update without a lease keeps the key's lease (a plain put would detach it)
                    IgnoreLease: op.Kind == NbOperationKind.Update && op.LeaseId is null)));
        }
        var failure = keys.Select(k => new EtcdRequestOp(RequestRange: new EtcdRangeRequest(k))).ToArray();

        EtcdTxnResponse response;
        bool retried;
        try
        {
            (response, retried) = await _client.PostWithRetriesAsync<EtcdTxnRequest, EtcdTxnResponse>(
                "/v3/kv/txn", new EtcdTxnRequest([.. compares], [.. success], failure), cancellationToken).ConfigureAwait(false);
        }
        catch (EtcdGatewayException e) when (e.Code == 5 && operations.FirstOrDefault(o => o.LeaseId is not null) is { } leased)
        {
            throw new NbConflictException(NbConflictKind.NotFound, "leases", leased.LeaseId!.Value.ToString(CultureInfo.InvariantCulture));
        }
        catch (EtcdGatewayException e)
        {
            throw new NbUnavailableException($"etcd refused the transaction: {e.Message}", e);
        }
        if (response.Succeeded)
        {
            return response.Header.Revision;
        }
        if (retried && AppliedByEarlierAttempt(success, response) is { } revision)
        {
            return revision;
        }
        throw FirstConflict(operations, response);
    }

    /// <summary>
    /// After a retry, the failure branch's reads may show our own transaction, applied by an attempt whose
    /// answer was lost: every put key holds exactly our bytes and every deleted key is gone, all at one
    /// mod revision. Then the commit succeeded at that revision. Returns null otherwise.
    /// </summary>
    private static long? AppliedByEarlierAttempt(List<EtcdRequestOp> success, EtcdTxnResponse response)
    {
        long? revision = null;
        for (var i = 0; i < success.Count; i++)
        {
            var stored = response.Responses?[i].ResponseRange?.Kvs?.FirstOrDefault();
            if (success[i].RequestPut is { } put)
            {
                if (stored?.Value is null || !stored.Value.AsSpan().SequenceEqual(put.Value) || (revision ?? stored.ModRevision) != stored.ModRevision)
                {
                    return null;
                }
                revision = stored.ModRevision;
            }
            else if (stored is not null)
            {
                return null;
            }
        }
        // a transaction of deletes only leaves no revision to read back: report the conflict
        return revision;
    }

    /// <summary>Finds, from the failure branch's reads, the first operation whose condition failed.</summary>
    private static NbConflictException FirstConflict(IReadOnlyList<NbOperation> operations, EtcdTxnResponse response)
    {
        for (var i = 0; i < operations.Count; i++)
        {
            var op = operations[i];
            var stored = response.Responses?[i].ResponseRange?.Kvs?.FirstOrDefault();
            NbConflictKind? kind = op.Kind switch
            {
                NbOperationKind.Create when stored is not null => NbConflictKind.AlreadyExists,
                NbOperationKind.Update or NbOperationKind.Delete when stored is null => NbConflictKind.NotFound,
                NbOperationKind.Update or NbOperationKind.Delete when op.ExpectedVersion is { } expected && expected != stored!.ModRevision
                    => NbConflictKind.VersionMismatch,
                _ => null,
            };
            if (kind is { } k)
            {
                return new NbConflictException(k, op.Table, op.Id);
            }
        }
        // Every condition holds on the re-read: a concurrent writer changed and restored the state in between.
        var first = operations[0];
        return new NbConflictException(NbConflictKind.VersionMismatch, first.Table, first.Id);
    }
}
