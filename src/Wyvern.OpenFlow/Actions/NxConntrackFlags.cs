namespace Wyvern.OpenFlow.Actions;

/// <summary>nicira-ext.h NX_CT_F_*.</summary>
[Flags]
public enum NxConntrackFlags : ushort
{
    None = 0,

    /// <summary>Commit the connection to the connection tracking table.</summary>
    Commit = 1,

    /// <summary>Force: terminate an existing connection in the other direction and commit a new one.</summary>
    Force = 2,
}
