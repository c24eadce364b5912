namespace Wyvern.OpenFlow.Actions;

/// <summary>nicira-ext.h NX_NAT_F_*.</summary>
[Flags]
public enum NxNatFlags : ushort
{
    None = 0,
    Source = 1,
    Destination = 2,
    Persistent = 4,
    ProtocolHash = 8,
    ProtocolRandom = 16,
}
