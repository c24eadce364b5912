namespace Wyvern.OpenFlow.Messages;

/// <summary>OF 1.3.5 §7.3.4.2 enum ofp_group_type.</summary>
public enum GroupType : byte
{
    All = 0,
    Select = 1,
    Indirect = 2,
    FastFailover = 3,
}
