namespace Wyvern.Packets;

/// <summary>RFC 792 ICMPv4 types and codes Wyvern produces or matches.</summary>
public static class IcmpV4
{
    /// <summary>Echo reply.</summary>
    public const byte EchoReply = 0;

    /// <summary>Destination unreachable.</summary>
    public const byte DestinationUnreachable = 3;

    /// <summary>Echo request.</summary>
    public const byte EchoRequest = 8;

    /// <summary>Time exceeded.</summary>
    public const byte TimeExceeded = 11;

    /// <summary>Time exceeded code: TTL exceeded in transit.</summary>
    public const byte TtlExceededInTransit = 0;

    /// <summary>Destination unreachable code: host unreachable.</summary>
    public const byte HostUnreachable = 1;

    /// <summary>Destination unreachable code: fragmentation needed and DF set (carries the next-hop MTU).</summary>
    public const byte FragmentationNeeded = 4;
}
