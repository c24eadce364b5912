namespace Wyvern.Model;

/// <summary>Neutron provider:network_type of a network.</summary>
public enum NetworkType
{
    /// <summary>VXLAN overlay (VNI = segmentation id).</summary>
    Vxlan,

    /// <summary>Geneve overlay (VNI = segmentation id).</summary>
    Geneve,

    /// <summary>GRE overlay (key = segmentation id).</summary>
    Gre,

    /// <summary>VLAN on a physical network (VLAN id = segmentation id).</summary>
    Vlan,

    /// <summary>Untagged on a physical network.</summary>
    Flat,

    /// <summary>Local to one host; never leaves it.</summary>
    Local,
}
