using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Wyvern.Northbound.Etcd;

public sealed partial class EtcdNbStore
{
    /// <summary>
    /// Watches <c>{prefix}/o/</c> from <paramref name="afterRevision"/> + 1. Invariant: <c>last</c> is the
    /// revision of the last batch yielded; whenever the stream breaks (member killed, connection reset)
    /// the watch reopens on the next member from <c>last + 1</c>, so nothing is lost or repeated. When etcd
    /// answers that <c>last + 1</c> is compacted, the consumer gets an <see cref="NbResync"/> and the
    /// watch continues after the snapshot's revision.
    /// </summary>
    public override async IAsyncEnumerable<NbWatchEvent> WatchAsync(
        long afterRevision, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var prefix = Encoding.UTF8.GetBytes(_objects);
        var last = afterRevision;
        while (!cancellationToken.IsCancellationRequested)
        {
            var endpoint = _client.Current;
            var request = new EtcdWatchRequest(new EtcdWatchCreateRequest(prefix, RangeEnd(prefix), last + 1));
            using var response = await OpenWatchAsync(endpoint, request, cancellationToken).ConfigureAwait(false);
            if (response is null)
            {
                continue;
            }
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
            while (true)
            {
                var result = await ReadResultAsync(reader, cancellationToken).ConfigureAwait(false);
                if (result is null)
                {
                    // stream ended or broke: go on from the next member
                    _client.FailOver(endpoint);
                    await Task.Delay(_options.WatchReconnectDelay, cancellationToken).ConfigureAwait(false);
                    break;
                }
                if (result.CompactRevision > 0)
                {
                    var snapshot = await GetSnapshotAsync(cancellationToken).ConfigureAwait(false);
                    last = snapshot.Revision;
                    yield return new NbResync(snapshot);
                    break;
                }
                if (result.Canceled)
                {
                    // cancelled by the server for another reason: reopen, without spinning
                    await Task.Delay(_options.WatchReconnectDelay, cancellationToken).ConfigureAwait(false);
                    break;
                }
                foreach (var batch in Batches(result.Events ?? []))
                {
                    last = batch.Revision;
                    yield return batch;
                }
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Groups events by revision: etcd never splits one revision over two responses.</summary>
    private IEnumerable<NbChangeBatch> Batches(EtcdEvent[] events)
    {
        foreach (var group in events.GroupBy(e => e.Kv.ModRevision))
        {
            var changes = group.Select(e =>
            {
                var (table, id) = ParseObjectKey(e.Kv.Key);
                return e.Type == "DELETE"
                    ? new NbChange(NbChangeKind.Delete, table, id, null)
                    : new NbChange(NbChangeKind.Put, table, id, NbCodec.Decode(table, e.Kv.Value ?? [], e.Kv.ModRevision));
            });
            yield return new NbChangeBatch(group.Key, [.. changes]);
        }
    }

    private async Task<HttpResponseMessage?> OpenWatchAsync(Uri endpoint, EtcdWatchRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.OpenStreamAsync(endpoint, "/v3/watch", request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or NbUnavailableException)
        {
            _client.FailOver(endpoint);
            await Task.Delay(_options.WatchReconnectDelay, cancellationToken).ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>The next watch response with content (skipping the "created" one), or null when the stream ended or failed.</summary>
    private static async Task<EtcdWatchResult?> ReadResultAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                return null;
            }
            if (line is null)
            {
                return null;
            }
            if (line.Length == 0)
            {
                continue;
            }
            EtcdWatchLine? parsed;
            try
            {
                parsed = JsonSerializer.Deserialize<EtcdWatchLine>(line, EtcdHttpClient.Json);
            }
            catch (JsonException)
            {
                return null;
            }
            if (parsed?.Result is not { } result)
            {
                return null;
            }
            if (result.Created && result.Events is null or [] && !result.Canceled && result.CompactRevision == 0)
            {
                continue;
            }
            return result;
        }
    }
}
