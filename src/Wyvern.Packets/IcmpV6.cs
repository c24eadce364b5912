namespace Wyvern.Packets;

/// <summary>RFC 4443 / RFC 4861 ICMPv6 types Wyvern reads or writes.</summary>
public static class IcmpV6
{
    public const byte EchoRequest = 128;
    public const byte EchoReply = 129;
    public const byte RouterSolicitation = 133;
    public const byte NeighborSolicitation = 135;
    public const byte NeighborAdvertisement = 136;
    public const byte MldV2Report = 143;

    /// <summary>ND option: source link-layer address (RFC 4861 §4.6.1).</summary>
    public const byte SourceLinkLayerAddress = 1;

    /// <summary>ND option: target link-layer address.</summary>
    public const byte TargetLinkLayerAddress = 2;
}
