namespace Wyvern.Model;

/// <summary>Neutron port status.</summary>
public enum PortStatus
{
    /// <summary>Not bound or not up.</summary>
    Down,

    /// <summary>Being bound.</summary>
    Build,

    /// <summary>Bound and up on its chassis.</summary>
    Active,
}
