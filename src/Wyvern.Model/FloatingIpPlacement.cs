namespace Wyvern.Model;

/// <summary>Where a floating IP's floating port is bound, seen from one chassis (Dragonflow fip-distribution).</summary>
public enum FloatingIpPlacement
{
    /// <summary>The target port is not bound anywhere (or no target port).</summary>
    Unbound,

    /// <summary>The target port is bound on this chassis: this chassis does the DNAT.</summary>
    Local,

    /// <summary>The target port is bound on another chassis.</summary>
    Remote,
}
