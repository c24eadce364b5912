namespace Wyvern.Ovsdb.Bootstrap;

/// <summary>The <c>external_ids</c> keys Wyvern writes and reads on Open vSwitch rows.</summary>
public static class ExternalIdKeys
{
    /// <summary>On a virtual tunnel port's Interface: its tunnel type (marks the port as Wyvern's).</summary>
    public const string TunnelType = "wyvern-tunnel-type";

    /// <summary>On a patch port's Interface: the physical network it reaches.</summary>
    public const string PhysicalNetwork = "wyvern-physnet";

    /// <summary>On a VM's Interface: the Neutron port id (set by Nova/os-vif).</summary>
    public const string IfaceId = "iface-id";

    /// <summary>On a VM's Interface: the VM's MAC (set by Nova/os-vif).</summary>
    public const string AttachedMac = "attached-mac";

    /// <summary>On the Open_vSwitch row: the chassis id.</summary>
    public const string SystemId = "system-id";

    /// <summary>On the Open_vSwitch row: the host name.</summary>
    public const string Hostname = "hostname";
}
