using System.Globalization;

namespace Wyvern.Neutron.Resources.SecurityGroups;

/// <summary>Neutron's IP protocol names (neutron-lib constants.IP_PROTOCOL_MAP) and numbers.</summary>
internal static class IpProtocols
{
    private static readonly Dictionary<string, int> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ah"] = 51, ["dccp"] = 33, ["egp"] = 8, ["esp"] = 50, ["gre"] = 47, ["icmp"] = 1, ["igmp"] = 2,
        ["ipip"] = 4, ["ipv6-encap"] = 41, ["ipv6-frag"] = 44, ["ipv6-icmp"] = 58, ["icmpv6"] = 58,
        ["ipv6-nonxt"] = 59, ["ipv6-opts"] = 60, ["ipv6-route"] = 43, ["ospf"] = 89, ["pgm"] = 113,
        ["rsvp"] = 46, ["sctp"] = 132, ["tcp"] = 6, ["udp"] = 17, ["udplite"] = 136, ["vrrp"] = 112,
    };

    private static readonly Dictionary<int, string> ByNumber = ByName
        .Where(kv => kv.Key != "icmpv6")
        .ToDictionary(kv => kv.Value, kv => kv.Key);

    /// <summary>The protocols whose rules carry a port range.</summary>
    public static readonly HashSet<int> WithPorts = [6, 17, 33, 132, 136];

    /// <summary>The ICMP protocols, whose port range is type and code.</summary>
    public static readonly HashSet<int> Icmp = [1, 58];

    /// <summary>A name or a number 0–255; null for "any".</summary>
    public static bool TryParse(string? text, out int? protocol)
    {
        protocol = null;
        if (text is null or "" or "any")
        {
            return true;
        }
        if (ByName.TryGetValue(text, out var number))
        {
            protocol = number;
            return true;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number <= 255)
        {
            protocol = number;
            return true;
        }
        return false;
    }

    /// <summary>The name Neutron shows, or the number as text.</summary>
    public static string? Name(int? protocol) =>
        protocol is null ? null : ByNumber.TryGetValue(protocol.Value, out var name) ? name : protocol.Value.ToString(CultureInfo.InvariantCulture);
}
