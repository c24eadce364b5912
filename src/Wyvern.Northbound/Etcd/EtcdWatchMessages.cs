namespace Wyvern.Northbound.Etcd;

// rpc.proto WatchRequest / WatchResponse; the gateway streams one {"result": WatchResponse} per line.

internal sealed record EtcdWatchCreateRequest(byte[] Key, byte[] RangeEnd, long StartRevision);

internal sealed record EtcdWatchRequest(EtcdWatchCreateRequest CreateRequest);

internal sealed record EtcdEvent(string? Type, EtcdKeyValue Kv);

internal sealed record EtcdWatchResult(
    EtcdHeader? Header, bool Created, bool Canceled, long CompactRevision, string? CancelReason, EtcdEvent[]? Events);

internal sealed record EtcdWatchLine(EtcdWatchResult? Result, string? Error);
