namespace Wyvern.OpenFlow.Messages;

/// <summary>OF 1.3.5 §7.4.2 enum ofp_flow_removed_reason.</summary>
public enum FlowRemovedReason : byte
{
    IdleTimeout = 0,
    HardTimeout = 1,
    Delete = 2,
    GroupDelete = 3,
}
