namespace Wyvern.OpenFlow.Messages;

/// <summary>OF 1.3.5 §7.3.4.2 enum ofp_group_mod_command.</summary>
public enum GroupModCommand : ushort
{
    Add = 0,
    Modify = 1,
    Delete = 2,
}
