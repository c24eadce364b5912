namespace Wyvern.OpenFlow.Messages;

/// <summary>OF 1.3.5 §7.3.4.1 enum ofp_flow_mod_command.</summary>
public enum FlowModCommand : byte
{
    Add = 0,
    Modify = 1,
    ModifyStrict = 2,
    Delete = 3,
    DeleteStrict = 4,
}
