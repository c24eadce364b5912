namespace Wyvern.Northbound.Embedded;

public sealed partial class EmbeddedNbStore
{
    /// <inheritdoc/>
    protected override async Task<long> CommitOperationsAsync(
        IReadOnlyList<NbOperation> operations, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var revision = _revision + 1;
            var changes = new List<NbChange>(operations.Count);
            Execute(_db, "BEGIN IMMEDIATE");
            try
            {
                using var statements = new WriteStatements(this);
                var seq = 0;
                foreach (var op in operations)
                {
                    Check(op, statements);
                    changes.Add(Apply(op, revision, seq++, statements));
                }
                WriteMeta("revision", revision);
                Execute(_db, "COMMIT");
            }
            catch
            {
                Execute(_db, "ROLLBACK");
                throw;
            }
            Interlocked.Exchange(ref _revision, revision);
            Publish(new NbChangeBatch(revision, changes));
            CompactIfDue();
            return revision;
        }
        finally
        {
            _lock.Release();
        }
    }

    private void Check(NbOperation op, WriteStatements statements)
    {
        var current = statements.ModRevision(op.Table, op.Id);
        var conflict = op.Kind switch
        {
            NbOperationKind.Create when current is not null => NbConflictKind.AlreadyExists,
            NbOperationKind.Update or NbOperationKind.Delete when current is null => NbConflictKind.NotFound,
            NbOperationKind.Update or NbOperationKind.Delete when op.ExpectedVersion is { } expected && expected != current
                => NbConflictKind.VersionMismatch,
            _ => (NbConflictKind?)null,
        };
        if (conflict is { } kind)
        {
            throw new NbConflictException(kind, op.Table, op.Id);
        }
        if (op.LeaseId is { } lease && !_leaseDeadlines.ContainsKey(lease))
        {
            throw new NbConflictException(NbConflictKind.NotFound, "leases", lease.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static NbChange Apply(NbOperation op, long revision, int seq, WriteStatements statements)
    {
        byte[]? json = null;
        if (op.Kind == NbOperationKind.Delete)
        {
            statements.Delete(op.Table, op.Id);
        }
        else
        {
            json = NbCodec.Encode(op.Value!);
            statements.Upsert(op.Table, op.Id, NbCodec.ProjectOf(op.Value!), json, revision, op.LeaseId);
        }
        statements.RecordChange(revision, seq, op.Table, op.Id, json);
        return op.Kind == NbOperationKind.Delete
            ? new NbChange(NbChangeKind.Delete, op.Table, op.Id, null)
            : new NbChange(NbChangeKind.Put, op.Table, op.Id, op.Value! with { Version = revision });
    }

    /// <summary>Deletes, at one new revision, every object matching <paramref name="where"/>; caller holds the lock.</summary>
    private void DeleteWhere(string where, params (string Name, object? Value)[] parameters)
    {
        var revision = _revision + 1;
        var changes = new List<NbChange>();
        Execute(_db, "BEGIN IMMEDIATE");
        try
        {
            using (var select = Command($"SELECT tbl, id FROM objects WHERE {where} ORDER BY tbl, id", parameters))
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    changes.Add(new NbChange(NbChangeKind.Delete, reader.GetString(0), reader.GetString(1), null));
                }
            }
            using var statements = new WriteStatements(this);
            var seq = 0;
            foreach (var change in changes)
            {
                Apply(new NbOperation(NbOperationKind.Delete, change.Table, change.Id, null, null, null), revision, seq++, statements);
            }
            if (changes.Count > 0)
            {
                WriteMeta("revision", revision);
            }
            Execute(_db, "COMMIT");
        }
        catch
        {
            Execute(_db, "ROLLBACK");
            throw;
        }
        if (changes.Count > 0)
        {
            Interlocked.Exchange(ref _revision, revision);
            Publish(new NbChangeBatch(revision, changes));
        }
    }

    /// <inheritdoc/>
    public override async Task CompactAsync(long revision, CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Compact(Math.Min(revision, _revision));
        }
        finally
        {
            _lock.Release();
        }
    }

    private void CompactIfDue()
    {
        // Compact in steps of 1,000 revisions so the cost is amortised over many commits.
        if (_revision - _compacted > _options.HistoryRevisions + 1_000)
        {
            Compact(_revision - _options.HistoryRevisions);
        }
    }

    private void Compact(long revision)
    {
        if (revision <= _compacted)
        {
            return;
        }
        Execute(_db, "BEGIN IMMEDIATE");
        using (var cmd = Command("DELETE FROM changes WHERE rev <= $r", ("$r", revision)))
        {
            cmd.ExecuteNonQuery();
        }
        WriteMeta("compacted", revision);
        Execute(_db, "COMMIT");
        _compacted = revision;
    }
}
