using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>OF 1.3.5 §7.3.1 OFPT_FEATURES_REQUEST: header only.</summary>
public sealed record FeaturesRequest : OfpMessage
{
    public override OfpType Type => OfpType.FeaturesRequest;

    public override int BodyLength => 0;

    internal override void WriteBody(ref SpanWriter writer, uint xid)
    {
    }
}
