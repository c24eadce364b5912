using System.Text.Json.Serialization;

namespace Wyvern.Model;

/// <summary>Ethertype of a security group rule.</summary>
public enum EtherType
{
    /// <summary>IPv4.</summary>
    [JsonStringEnumMemberName("IPv4")]
    IPv4,

    /// <summary>IPv6.</summary>
    [JsonStringEnumMemberName("IPv6")]
    IPv6,
}
