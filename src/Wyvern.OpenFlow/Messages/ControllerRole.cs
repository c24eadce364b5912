namespace Wyvern.OpenFlow.Messages;

/// <summary>OF 1.3.5 §7.3.9 enum ofp_controller_role.</summary>
public enum ControllerRole : uint
{
    NoChange = 0,
    Equal = 1,
    Master = 2,
    Slave = 3,
}
