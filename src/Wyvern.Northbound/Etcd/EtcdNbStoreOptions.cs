namespace Wyvern.Northbound.Etcd;

/// <summary>Settings of an <see cref="EtcdNbStore"/>.</summary>
public sealed record EtcdNbStoreOptions
{
    /// <summary>Client URLs of the etcd members (<c>http://10.0.0.1:2379</c>); tried in order, failing over to the next.</summary>
    public required IReadOnlyList<Uri> Endpoints { get; init; }

    /// <summary>Every key lives under this prefix (several deployments can share one etcd).</summary>
    public string Prefix { get; init; } = "/wyvern";

    /// <summary>Time limit of one unary request to one member before failing over.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a request keeps cycling through the members while none answers (a member down, an
    /// election in progress) before it fails with <see cref="NbUnavailableException"/>.
    /// </summary>
    public TimeSpan RetryWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Pause before a watch reconnects after its stream broke.</summary>
    public TimeSpan WatchReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(100);
}
