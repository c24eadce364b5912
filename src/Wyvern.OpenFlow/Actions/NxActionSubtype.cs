namespace Wyvern.OpenFlow.Actions;

/// <summary>Nicira extension action subtypes (Open vSwitch nicira-ext.h / ofp-actions.c), with their numbers.</summary>
public enum NxActionSubtype : ushort
{
    Resubmit = 1,
    RegMove = 6,
    RegLoad = 7,
    Note = 8,
    ResubmitTable = 14,
    Learn = 16,
    Controller = 20,
    DecTtlCntIds = 21,
    Conjunction = 34,
    Conntrack = 35,
    Nat = 36,
    Controller2 = 37,
    RegLoad2 = 33,
}
