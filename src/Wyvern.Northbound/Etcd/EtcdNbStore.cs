using System.Globalization;
using System.Text;
using Wyvern.Model;

namespace Wyvern.Northbound.Etcd;

/// <summary>
/// The northbound store on an etcd v3 cluster, through its JSON gateway (<c>/v3/kv/*</c>,
/// <c>/v3/watch</c>, <c>/v3/lease/*</c>) over <see cref="HttpClient"/>.
/// <para>Layout under <see cref="EtcdNbStoreOptions.Prefix"/>: <c>{prefix}/o/{table}/{id}</c> holds an
/// object as JSON (its <see cref="NbObject.Version"/> is the key's mod_revision, so store revisions
/// are etcd revisions); <c>{prefix}/k/{space}</c> holds the next free key of a key space.
/// Every write is one etcd txn whose compares carry the create/CAS/delete conditions, so the
/// all-or-nothing and compare-and-swap guarantees are etcd's own.</para>
/// </summary>
public sealed partial class EtcdNbStore : NbStoreBase
{
    /// <summary>Keys per range request when reading a table or a snapshot.</summary>
    internal const int PageSize = 1000;

    private readonly EtcdHttpClient _client;
    private readonly EtcdNbStoreOptions _options;
    private readonly string _objects;
    private readonly string _keys;

    /// <summary>A store on the etcd cluster of <paramref name="options"/>; no request is made until first use.</summary>
    public EtcdNbStore(EtcdNbStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _client = new EtcdHttpClient(options.Endpoints, options.RequestTimeout, options.RetryWindow);
        var prefix = options.Prefix.TrimEnd('/');
        _objects = prefix + "/o/";
        _keys = prefix + "/k/";
    }

    /// <summary>The member requests go to now (changes on fail-over).</summary>
    public Uri CurrentEndpoint => _client.Current;

    private byte[] ObjectKey(string table, string id) => Encoding.UTF8.GetBytes($"{_objects}{table}/{id}");

    /// <summary>The end of the range of every key starting with <paramref name="prefix"/>: the prefix with its last byte + 1.</summary>
    internal static byte[] RangeEnd(byte[] prefix)
    {
        var end = (byte[])prefix.Clone();
        end[^1]++;
        return end;
    }

    /// <summary>Splits <c>{prefix}/o/{table}/{id}</c>.</summary>
    private (string Table, string Id) ParseObjectKey(byte[] key)
    {
        var text = Encoding.UTF8.GetString(key);
        var rest = text.AsSpan(_objects.Length);
        var slash = rest.IndexOf('/');
        if (!text.StartsWith(_objects, StringComparison.Ordinal) || slash <= 0)
        {
            throw new NbUnavailableException($"unexpected key '{text}' under the object prefix");
        }
        return (rest[..slash].ToString(), rest[(slash + 1)..].ToString());
    }

    private NbObject Decode(EtcdKeyValue kv)
    {
        var (table, _) = ParseObjectKey(kv.Key);
        return NbCodec.Decode(table, kv.Value ?? [], kv.ModRevision);
    }

    /// <inheritdoc/>
    protected override async Task<NbObject?> GetObjectAsync(string table, string id, CancellationToken cancellationToken)
    {
        var response = await Range(new EtcdRangeRequest(ObjectKey(table, id)), cancellationToken).ConfigureAwait(false);
        return response.Kvs is [var kv, ..] ? Decode(kv) : null;
    }

    /// <inheritdoc/>
    protected override async Task<IReadOnlyList<NbObject>> ListObjectsAsync(string table, string? projectId, CancellationToken cancellationToken)
    {
        var (_, kvs) = await RangePrefixAsync(Encoding.UTF8.GetBytes($"{_objects}{table}/"), cancellationToken).ConfigureAwait(false);
        return [.. kvs.Select(Decode)];
    }

    /// <inheritdoc/>
    public override async Task<NbSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default)
    {
        var (revision, kvs) = await RangePrefixAsync(Encoding.UTF8.GetBytes(_objects), cancellationToken).ConfigureAwait(false);
        return new NbSnapshot(revision, [.. kvs.Select(Decode)]);
    }

    /// <summary>
    /// Every key under <paramref name="prefix"/>, read in pages of <see cref="PageSize"/> all pinned to the
    /// revision of the first page, so the result is consistent at that revision. If that revision is
    /// compacted between pages (etcd OutOfRange), the read starts again at the new head.
    /// </summary>
    private async Task<(long Revision, List<EtcdKeyValue> Kvs)> RangePrefixAsync(byte[] prefix, CancellationToken cancellationToken)
    {
        var end = RangeEnd(prefix);
        while (true)
        {
            var kvs = new List<EtcdKeyValue>();
            long revision = 0;
            var from = prefix;
            try
            {
                while (true)
                {
                    var page = await Range(new EtcdRangeRequest(from, end, PageSize, revision), cancellationToken).ConfigureAwait(false);
                    revision = revision == 0 ? page.Header.Revision : revision;
                    kvs.AddRange(page.Kvs ?? []);
                    if (!page.More || page.Kvs is not [.., var last])
                    {
                        return (revision, kvs);
                    }
                    from = [.. last.Key, 0]; // the next key after the last one read
                }
            }
            catch (EtcdGatewayException e) when (e.Code == 11)
            {
                // the pinned revision was compacted while paging: read again
            }
        }
    }

    private Task<EtcdRangeResponse> Range(EtcdRangeRequest request, CancellationToken cancellationToken) =>
        _client.PostAsync<EtcdRangeRequest, EtcdRangeResponse>("/v3/kv/range", request, cancellationToken);

    /// <inheritdoc/>
    public override async Task<int> AllocateKeyAsync(string keySpace, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(keySpace);
        var key = Encoding.UTF8.GetBytes(_keys + keySpace);
        // Compare-and-swap on the counter's mod_revision; a loser re-reads the counter from the
        // failure branch of the same txn and tries again.
        var current = (await Range(new EtcdRangeRequest(key), cancellationToken).ConfigureAwait(false)).Kvs?.FirstOrDefault();
        while (true)
        {
            var next = current?.Value is { } value ? int.Parse(Encoding.ASCII.GetString(value), CultureInfo.InvariantCulture) : 1;
            var txn = new EtcdTxnRequest(
                [new EtcdCompare("EQUAL", "MOD", key, ModRevision: current?.ModRevision ?? 0)],
                [new EtcdRequestOp(RequestPut: new EtcdPutRequest(key, Encoding.ASCII.GetBytes((next + 1).ToString(CultureInfo.InvariantCulture))))],
                [new EtcdRequestOp(RequestRange: new EtcdRangeRequest(key))]);
            var response = await Txn(txn, cancellationToken).ConfigureAwait(false);
            if (response.Succeeded)
            {
                return next;
            }
            current = response.Responses?[0].ResponseRange?.Kvs?.FirstOrDefault();
        }
    }

    private Task<EtcdTxnResponse> Txn(EtcdTxnRequest request, CancellationToken cancellationToken) =>
        _client.PostAsync<EtcdTxnRequest, EtcdTxnResponse>("/v3/kv/txn", request, cancellationToken);

    /// <inheritdoc/>
    public override async Task CompactAsync(long revision, CancellationToken cancellationToken = default)
    {
        try
        {
            await _client.PostAsync<EtcdCompactionRequest, EtcdEmptyResponse>(
                "/v3/kv/compaction", new EtcdCompactionRequest(revision, Physical: true), cancellationToken).ConfigureAwait(false);
        }
        catch (EtcdGatewayException e) when (e.Code == 11)
        {
            // OutOfRange: already compacted at or after this revision
        }
    }

    /// <inheritdoc/>
    protected override ValueTask DisposeAsyncCore()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
