namespace Wyvern.OpenFlow;

/// <summary>OF 1.3.5 §7.4.1 enum ofp_packet_in_reason.</summary>
public enum PacketInReason : byte
{
    /// <summary>No matching flow (table-miss flow entry).</summary>
    NoMatch = 0,

    /// <summary>Action explicitly output to controller.</summary>
    Action = 1,

    /// <summary>Packet has invalid TTL.</summary>
    InvalidTtl = 2,
}
