using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>OF 1.3.5 §7.4.3 ofp_port_status: reason(1: 0 add, 1 delete, 2 modify) pad(7) desc(ofp_port).</summary>
public sealed record PortStatus(PortStatusReason Reason, PortDesc Port) : OfpMessage
{
    public override OfpType Type => OfpType.PortStatus;

    public override int BodyLength => 8 + PortDesc.Size;

    internal override void WriteBody(ref SpanWriter writer, uint xid)
    {
        writer.U8((byte)Reason);
        writer.Zeros(7);
        Port.Write(ref writer);
    }

    internal static PortStatus Read(ref SpanReader body)
    {
        var reason = (PortStatusReason)body.U8();
        body.Skip(7);
        return new PortStatus(reason, PortDesc.Read(ref body));
    }
}
