using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>OF 1.3.5 §7.3.9 ofp_role_request (OFPT_ROLE_REQUEST): role(4) pad(4) generation_id(8).</summary>
public sealed record RoleRequest(ControllerRole Role, ulong GenerationId = 0) : OfpMessage
{
    public override OfpType Type => OfpType.RoleRequest;

    public override int BodyLength => 16;

    internal override void WriteBody(ref SpanWriter writer, uint xid)
    {
        writer.U32((uint)Role);
        writer.Zeros(4);
        writer.U64(GenerationId);
    }
}
