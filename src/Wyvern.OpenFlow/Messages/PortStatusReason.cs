namespace Wyvern.OpenFlow.Messages;

/// <summary>OF 1.3.5 §7.4.3 enum ofp_port_reason.</summary>
public enum PortStatusReason : byte
{
    Add = 0,
    Delete = 1,
    Modify = 2,
}
