namespace Wyvern.Packets;

/// <summary>IEEE 802 EtherType values used by Wyvern.</summary>
public enum EtherType : ushort
{
    Ipv4 = 0x0800,
    Arp = 0x0806,
    Vlan = 0x8100,
    Ipv6 = 0x86dd,
}
