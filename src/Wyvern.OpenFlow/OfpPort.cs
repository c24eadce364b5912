namespace Wyvern.OpenFlow;

/// <summary>OF 1.3.5 §7.2.1 enum ofp_port_no: reserved port numbers.</summary>
public static class OfpPort
{
    /// <summary>Maximum number of physical and logical switch ports.</summary>
    public const uint Max = 0xffffff00;

    /// <summary>Send the packet out the input port.</summary>
    public const uint InPort = 0xfffffff8;

    /// <summary>Submit the packet to the first flow table.</summary>
    public const uint Table = 0xfffffff9;

    /// <summary>Process with normal L2/L3 switching.</summary>
    public const uint Normal = 0xfffffffa;

    /// <summary>All physical ports in VLAN, except input port and blocked ports.</summary>
    public const uint Flood = 0xfffffffb;

    /// <summary>All physical ports except input port.</summary>
    public const uint All = 0xfffffffc;

    /// <summary>Send to controller.</summary>
    public const uint Controller = 0xfffffffd;

    /// <summary>Local openflow "port".</summary>
    public const uint Local = 0xfffffffe;

    /// <summary>Wildcard port used only for flow mod (delete) and flow stats requests.</summary>
    public const uint Any = 0xffffffff;

    /// <summary>OF 1.3.5 §7.3.4.2 OFPG_ANY: wildcard group.</summary>
    public const uint AnyGroup = 0xffffffff;

    /// <summary>OF 1.3.5 §7.3.4.2 OFPG_ALL: all groups (delete).</summary>
    public const uint AllGroups = 0xfffffffc;

    /// <summary>OF 1.3.5 §7.2.5 OFPCML_NO_BUFFER: send the whole packet to the controller.</summary>
    public const ushort NoBuffer = 0xffff;

    /// <summary>OF 1.3.5 §7.3.7 OFP_NO_BUFFER buffer id.</summary>
    public const uint NoBufferId = 0xffffffff;

    /// <summary>OF 1.3.5 §7.3.4.1 OFPTT_ALL: all tables.</summary>
    public const byte AllTables = 0xff;
}
