using System.Text.Json.Serialization;

namespace Wyvern.Northbound.Etcd;

// rpc.proto TxnRequest: if every Compare holds, run Success, else Failure; one revision for all of it.

internal sealed record EtcdCompare(
    string Result,
    string Target,
    byte[] Key,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? CreateRevision = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? ModRevision = null);

internal sealed record EtcdRequestOp(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EtcdRangeRequest? RequestRange = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EtcdPutRequest? RequestPut = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EtcdDeleteRangeRequest? RequestDeleteRange = null);

internal sealed record EtcdTxnRequest(EtcdCompare[] Compare, EtcdRequestOp[] Success, EtcdRequestOp[] Failure);

internal sealed record EtcdResponseOp(EtcdRangeResponse? ResponseRange);

internal sealed record EtcdTxnResponse(EtcdHeader Header, bool Succeeded, EtcdResponseOp[]? Responses);
