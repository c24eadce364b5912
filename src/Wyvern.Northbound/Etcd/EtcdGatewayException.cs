namespace Wyvern.Northbound.Etcd;

/// <summary>An error answer of the etcd gateway: the gRPC status code and message.</summary>
internal sealed class EtcdGatewayException(int code, string message) : NbUnavailableException(message)
{
    /// <summary>gRPC status code (5 NotFound, 9 FailedPrecondition, 14 Unavailable, …).</summary>
    public int Code { get; } = code;
}
