namespace Wyvern.Northbound.Etcd;

public sealed partial class EtcdNbStore
{
    /// <inheritdoc/>
    public override async Task<NbLease> GrantLeaseAsync(TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        // etcd leases count whole seconds; round up so a lease never lives shorter than asked.
        var seconds = (long)Math.Ceiling(ttl.TotalSeconds);
        var response = await _client.PostAsync<EtcdLeaseGrantRequest, EtcdLeaseGrantResponse>(
            "/v3/lease/grant", new EtcdLeaseGrantRequest(seconds), cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(response.Error) || response.Id == 0)
        {
            throw new NbUnavailableException($"etcd refused a lease: {response.Error}");
        }
        return new NbLease(response.Id, TimeSpan.FromSeconds(response.Ttl));
    }

    /// <inheritdoc/>
    public override async Task<bool> KeepAliveAsync(long leaseId, CancellationToken cancellationToken = default)
    {
        // The gateway maps the keepalive stream to one request and one answer; TTL 0 means the lease is gone.
        var response = await _client.PostAsync<EtcdLeaseRequest, EtcdLeaseKeepAliveResponse>(
            "/v3/lease/keepalive", new EtcdLeaseRequest(leaseId), cancellationToken).ConfigureAwait(false);
        return response.Result is { Ttl: > 0 };
    }

    /// <inheritdoc/>
    public override async Task RevokeLeaseAsync(long leaseId, CancellationToken cancellationToken = default)
    {
        try
        {
            await _client.PostAsync<EtcdLeaseRequest, EtcdEmptyResponse>(
                "/v3/lease/revoke", new EtcdLeaseRequest(leaseId), cancellationToken).ConfigureAwait(false);
        }
        catch (EtcdGatewayException e) when (e.Code == 5)
        {
            // NotFound: already expired or revoked; its objects are already gone
        }
    }
}
