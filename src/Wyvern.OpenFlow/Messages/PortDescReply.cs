using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>OF 1.3.5 §7.3.5.7 OFPMP_PORT_DESC reply: a sequence of ofp_port.</summary>
public sealed record PortDescReply(ValueArray<PortDesc> Ports) : MultipartReply
{
    public override MultipartType MultipartType => MultipartType.PortDesc;

    internal override int PayloadLength => PortDesc.Size * Ports.Count;

    internal override void WritePayload(ref SpanWriter writer)
    {
        foreach (var port in Ports)
        {
            port.Write(ref writer);
        }
    }
}
