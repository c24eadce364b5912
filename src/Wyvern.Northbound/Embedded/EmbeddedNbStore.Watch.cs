using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Wyvern.Northbound.Embedded;

public sealed partial class EmbeddedNbStore
{
    /// <inheritdoc/>
    public override async IAsyncEnumerable<NbWatchEvent> WatchAsync(
        long afterRevision, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<NbWatchEvent>(new UnboundedChannelOptions { SingleReader = true });
        List<NbWatchEvent> backlog;
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            // History and registration under one lock: a commit is either in the backlog or published to us.
            backlog = afterRevision < _compacted ? [new NbResync(ReadSnapshot())] : ReadHistory(afterRevision);
            lock (_watchers)
            {
                _watchers.Add(channel);
            }
        }
        finally
        {
            _lock.Release();
        }
        try
        {
            foreach (var item in backlog)
            {
                yield return item;
            }
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
        finally
        {
            lock (_watchers)
            {
                _watchers.Remove(channel);
            }
        }
    }

    private List<NbWatchEvent> ReadHistory(long afterRevision)
    {
        var result = new List<NbWatchEvent>();
        using var cmd = Command("SELECT rev, tbl, id, json FROM changes WHERE rev > $r ORDER BY rev, seq", ("$r", afterRevision));
        using var reader = cmd.ExecuteReader();
        var batch = new List<NbChange>();
        long batchRevision = 0;
        while (reader.Read())
        {
            var revision = reader.GetInt64(0);
            if (revision != batchRevision && batch.Count > 0)
            {
                result.Add(new NbChangeBatch(batchRevision, batch));
                batch = [];
            }
            batchRevision = revision;
            var table = reader.GetString(1);
            var id = reader.GetString(2);
            batch.Add(reader.IsDBNull(3)
                ? new NbChange(NbChangeKind.Delete, table, id, null)
                : new NbChange(NbChangeKind.Put, table, id, NbCodec.Decode(table, (byte[])reader[3], revision)));
        }
        if (batch.Count > 0)
        {
            result.Add(new NbChangeBatch(batchRevision, batch));
        }
        return result;
    }

    private void Publish(NbChangeBatch batch)
    {
        lock (_watchers)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(batch);
            }
        }
    }
}
