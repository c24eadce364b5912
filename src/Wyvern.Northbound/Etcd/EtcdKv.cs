using System.Text.Json.Serialization;

namespace Wyvern.Northbound.Etcd;

// etcd v3 JSON gateway messages (api/etcdserverpb/rpc.proto, mvccpb/kv.proto as grpc-gateway
// renders them): field names as in the proto, int64 as strings, bytes as base64 (System.Text.Json's
// byte[] encoding), fields with default values omitted.

internal sealed record EtcdHeader(long Revision);

internal sealed record EtcdKeyValue(byte[] Key, long CreateRevision, long ModRevision, long Version, byte[]? Value, long Lease);

internal sealed record EtcdRangeRequest(
    byte[] Key,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] byte[]? RangeEnd = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] long Limit = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] long Revision = 0);

internal sealed record EtcdRangeResponse(EtcdHeader Header, EtcdKeyValue[]? Kvs, long Count, bool More);

internal sealed record EtcdPutRequest(
    byte[] Key,
    byte[] Value,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] long Lease = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool IgnoreLease = false);

internal sealed record EtcdDeleteRangeRequest(byte[] Key);

internal sealed record EtcdCompactionRequest(long Revision, bool Physical);

internal sealed record EtcdEmptyResponse(EtcdHeader? Header);
