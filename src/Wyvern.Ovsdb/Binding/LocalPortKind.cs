namespace Wyvern.Ovsdb.Binding;

/// <summary>What a port on the integration bridge is for.</summary>
public enum LocalPortKind
{
    /// <summary>A VM's (or any Neutron port's) interface: it carries <c>external_ids:iface-id</c>.</summary>
    Vm,
    /// <summary>A virtual (flow-based) tunnel port, one per tunnel type.</summary>
    Tunnel,
    /// <summary>A patch port to a provider bridge.</summary>
    Patch,
}
