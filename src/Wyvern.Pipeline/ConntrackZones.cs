namespace Wyvern.Pipeline;

/// <summary>
/// Conntrack zones (16 bits). Security groups track connections per network
/// (the network key, below 0x8000) so overlapping tenant addresses never share
/// state; NAT tracks them per router (0x8000 | router key), so a connection's
/// security-group state and its NAT state never collide.
/// </summary>
public static class ConntrackZones
{
    private const ushort NatBit = 0x8000;

    /// <summary>The security-group zone of a network.</summary>
    public static ushort Network(int networkKey) => (ushort)(networkKey & 0x7fff);

    /// <summary>The NAT zone of a router.</summary>
    public static ushort RouterNat(int routerKey) => (ushort)(NatBit | (routerKey & 0x7fff));
}
