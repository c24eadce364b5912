using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>
/// OF 1.3.5 §7.3.10 ofp_async_config body: packet_in_mask[2](4 each) port_status_mask[2]
/// flow_removed_mask[2]; index 0 applies in master/equal role, index 1 in slave role.
/// Bit n set = deliver reason n.
/// </summary>
public readonly record struct AsyncMasks(
    uint PacketInMaster,
    uint PacketInSlave,
    uint PortStatusMaster,
    uint PortStatusSlave,
    uint FlowRemovedMaster,
    uint FlowRemovedSlave)
{
    internal void Write(ref SpanWriter writer)
    {
        writer.U32(PacketInMaster);
        writer.U32(PacketInSlave);
        writer.U32(PortStatusMaster);
        writer.U32(PortStatusSlave);
        writer.U32(FlowRemovedMaster);
        writer.U32(FlowRemovedSlave);
    }

    internal static AsyncMasks Read(ref SpanReader body) =>
        new(body.U32(), body.U32(), body.U32(), body.U32(), body.U32(), body.U32());
}
