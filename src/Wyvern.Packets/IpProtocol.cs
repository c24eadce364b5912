namespace Wyvern.Packets;

/// <summary>IANA protocol numbers (IPv4 protocol / IPv6 next header).</summary>
public enum IpProtocol : byte
{
    Icmp = 1,
    Tcp = 6,
    Udp = 17,
    Icmpv6 = 58,
}
