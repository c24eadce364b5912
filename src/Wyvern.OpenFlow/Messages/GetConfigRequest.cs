using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>OF 1.3.5 §7.3.2 OFPT_GET_CONFIG_REQUEST: header only.</summary>
public sealed record GetConfigRequest : OfpMessage
{
    public override OfpType Type => OfpType.GetConfigRequest;

    public override int BodyLength => 0;

    internal override void WriteBody(ref SpanWriter writer, uint xid)
    {
    }
}
