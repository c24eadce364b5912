namespace Wyvern.OpenFlow.Messages;

/// <summary>OF 1.3.5 §7.3.4.1 enum ofp_flow_mod_flags.</summary>
[Flags]
public enum FlowModFlags : ushort
{
    None = 0,
    SendFlowRemoved = 1 << 0,
    CheckOverlap = 1 << 1,
    ResetCounts = 1 << 2,
    NoPacketCounts = 1 << 3,
    NoByteCounts = 1 << 4,
}
