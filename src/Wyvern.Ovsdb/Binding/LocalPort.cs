namespace Wyvern.Ovsdb.Binding;

/// <summary>
/// A ready port on the integration bridge: it has an OpenFlow port number. An interface
/// whose <c>ofport</c> is empty or -1 is not ready and is not a local port.
/// </summary>
/// <param name="InterfaceUuid">The Interface row.</param>
/// <param name="Name">The interface name (e.g. <c>tapc0000001-00</c>, <c>vxlan-vt</c>).</param>
/// <param name="Kind">VM, tunnel or patch.</param>
/// <param name="Ofport">The OpenFlow port number (&gt; 0).</param>
/// <param name="NeutronPortId">For a VM port: <c>external_ids:iface-id</c>.</param>
/// <param name="AttachedMac">For a VM port: <c>external_ids:attached-mac</c>.</param>
/// <param name="AdminUp">Interface <c>admin_state</c> is "up".</param>
/// <param name="LinkUp">Interface <c>link_state</c> is "up".</param>
/// <param name="TunnelType">For a tunnel port: vxlan, geneve or gre.</param>
/// <param name="PatchPeer">For a patch port: <c>options:peer</c>.</param>
/// <param name="PhysicalNetwork">For a patch port made by the bootstrap: the physical network.</param>
public sealed record LocalPort(
    Guid InterfaceUuid,
    string Name,
    LocalPortKind Kind,
    int Ofport,
    string? NeutronPortId,
    string? AttachedMac,
    bool AdminUp,
    bool LinkUp,
    string? TunnelType,
    string? PatchPeer,
    string? PhysicalNetwork);
