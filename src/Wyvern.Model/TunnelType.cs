namespace Wyvern.Model;

/// <summary>Overlay encapsulations a chassis offers (one virtual tunnel port each).</summary>
public enum TunnelType
{
    /// <summary>VXLAN (UDP 4789).</summary>
    Vxlan,

    /// <summary>Geneve (UDP 6081).</summary>
    Geneve,

    /// <summary>GRE (IP protocol 47).</summary>
    Gre,
}
