using System.Text.Json.Serialization;

namespace Wyvern.Northbound.Etcd;

// rpc.proto LeaseGrant / LeaseKeepAlive / LeaseRevoke: the proto names these fields TTL and ID.

internal sealed record EtcdLeaseGrantRequest([property: JsonPropertyName("TTL")] long Ttl);

internal sealed record EtcdLeaseRequest([property: JsonPropertyName("ID")] long Id);

internal sealed record EtcdLeaseGrantResponse(
    [property: JsonPropertyName("ID")] long Id, [property: JsonPropertyName("TTL")] long Ttl, string? Error);

internal sealed record EtcdLeaseKeepAliveResult(
    [property: JsonPropertyName("ID")] long Id, [property: JsonPropertyName("TTL")] long Ttl);

internal sealed record EtcdLeaseKeepAliveResponse(EtcdLeaseKeepAliveResult? Result);
