using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wyvern.Model;

namespace Wyvern.Neutron.Http;

/// <summary>
/// The attributes of one resource in a request body, read with Neutron's conversions
/// (booleans from "True", integers from numeric strings) and refused with a 400 naming the
/// attribute. Unknown attributes and attributes not allowed for the verb are refused on construction.
/// </summary>
internal sealed class Attributes
{
    private readonly JsonObject _values;

    /// <summary>Checks that every key of <paramref name="values"/> is in <paramref name="allowed"/>.</summary>
    public Attributes(JsonObject values, IReadOnlySet<string> allowed, IReadOnlySet<string> known)
    {
        _values = values;
        var unknown = values.Select(kv => kv.Key).Where(k => !known.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw NeutronErrors.BadRequest($"Unrecognized attribute(s) '{string.Join(", ", unknown)}'");
        }
        var refused = values.Select(kv => kv.Key).FirstOrDefault(k => !allowed.Contains(k));
        if (refused is not null)
        {
            throw NeutronErrors.BadRequest($"Cannot update read-only attribute {refused}");
        }
    }

    /// <summary>True when the request gives <paramref name="name"/> (even as null).</summary>
    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>The raw value.</summary>
    public JsonNode? Node(string name) => _values[name];

    /// <summary>A string (null refused unless <paramref name="nullable"/>), at most <paramref name="maxLength"/> characters.</summary>
    public string? String(string name, bool nullable = false, int maxLength = 255)
    {
        var node = _values[name];
        if (node is null)
        {
            return nullable ? null : throw NeutronErrors.InvalidAttribute(name, "'None' is not a valid string");
        }
        if (node.GetValueKind() != JsonValueKind.String)
        {
            throw NeutronErrors.InvalidAttribute(name, $"'{node.ToJsonString()}' is not a valid string");
        }
        var text = node.GetValue<string>();
        if (text.Length > maxLength)
        {
            throw NeutronErrors.InvalidAttribute(name, $"'{text}' exceeds maximum length of {maxLength}");
        }
        return text;
    }

    /// <summary>A non-null string.</summary>
    public string RequiredString(string name, int maxLength = 255) => String(name, false, maxLength)!;

    /// <summary>A boolean: JSON true/false, or "true"/"false" in any case, or 0/1.</summary>
    public bool Bool(string name) => ToBool(name, _values[name]);

    /// <summary>An integer (or numeric string); null allowed when <paramref name="nullable"/>.</summary>
    public int? Int(string name, bool nullable = false)
    {
        var node = _values[name];
        if (node is null)
        {
            return nullable ? null : throw NeutronErrors.InvalidAttribute(name, "'None' is not an integer");
        }
        return ToInt(name, node);
    }

    /// <summary>An IP address; null allowed when <paramref name="nullable"/>.</summary>
    public IPAddress? Ip(string name, bool nullable = false)
    {
        var text = String(name, nullable);
        return text is null ? null : ParseIp(name, text);
    }

    /// <summary>A list (JSON array); null is refused.</summary>
    public IReadOnlyList<JsonNode?> List(string name)
    {
        var node = _values[name];
        return node is JsonArray array ? [.. array]
            : throw NeutronErrors.InvalidAttribute(name, $"'{node?.ToJsonString() ?? "None"}' is not a list");
    }

    /// <summary>A JSON object; null allowed when <paramref name="nullable"/>.</summary>
    public JsonObject? Object(string name, bool nullable = false)
    {
        var node = _values[name];
        return node switch
        {
            JsonObject o => o,
            null when nullable => null,
            _ => throw NeutronErrors.InvalidAttribute(name, $"'{node?.ToJsonString() ?? "None"}' is not a dictionary"),
        };
    }

    /// <summary>Neutron's convert_to_boolean.</summary>
    public static bool ToBool(string name, JsonNode? node)
    {
        if (node is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                case JsonValueKind.String when bool.TryParse(value.GetValue<string>(), out var b):
                    return b;
                case JsonValueKind.Number when value.TryGetValue<int>(out var i) && i is 0 or 1:
                    return i == 1;
            }
        }
        throw NeutronErrors.InvalidAttribute(name, $"'{node?.ToJsonString() ?? "None"}' is not a valid boolean value");
    }

    /// <summary>Neutron's convert_to_int.</summary>
    public static int ToInt(string name, JsonNode node)
    {
        if (node is JsonValue value)
        {
            if (value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var i))
            {
                return i;
            }
            if (value.GetValueKind() == JsonValueKind.String
                && int.TryParse(value.GetValue<string>(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out i))
            {
                return i;
            }
        }
        throw NeutronErrors.InvalidAttribute(name, $"'{node.ToJsonString()}' is not an integer");
    }

    /// <summary>An IP address or a 400 naming <paramref name="name"/> (dotted quads only for IPv4, no IPv6 zone).</summary>
    public static IPAddress ParseIp(string name, string text) =>
        TryParseIp(text, out var ip) ? ip : throw NeutronErrors.InvalidAttribute(name, $"'{text}' is not a valid IP address");

    /// <summary>
    /// Strict address parsing: <see cref="IPAddress.TryParse(string, out IPAddress)"/> also takes "10.1" and
    /// "10.0.0.1%eth0", which Neutron (netaddr) refuses.
    /// </summary>
    public static bool TryParseIp(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPAddress? ip)
    {
        ip = null;
        if (!IPAddress.TryParse(text, out var parsed) || text.Contains('%', StringComparison.Ordinal))
        {
            return false;
        }
        if (parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && text.Count(c => c == '.') != 3)
        {
            return false;
        }
        ip = parsed;
        return true;
    }

    /// <summary>A CIDR or a 400 naming <paramref name="name"/>; host bits must be zero when <paramref name="strict"/>.</summary>
    public static IPNetwork ParseCidr(string name, string text, bool strict)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            // Neutron accepts a bare address as a host prefix in remote_ip_prefix and address pairs.
            if (!strict)
            {
                var ip = ParseIp(name, text);
                return new IPNetwork(ip, ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            }
            throw NeutronErrors.InvalidAttribute(name, $"'{text}' is not a valid IP subnet");
        }
        var address = text[..slash];
        if (!TryParseIp(address, out var baseIp) || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            || length > (baseIp.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128))
        {
            throw NeutronErrors.InvalidAttribute(name, $"'{text}' is not a valid IP subnet");
        }
        var network = new IPNetwork(Ipam.IpMath.Mask(baseIp, length), length);
        if (strict && !network.BaseAddress.Equals(baseIp))
        {
            throw NeutronErrors.InvalidAttribute(name, $"'{text}' isn't a recognized IP subnet cidr, '{network}' is recommended");
        }
        return network;
    }

    /// <summary>A MAC address or a 400 naming <paramref name="name"/>.</summary>
    public static MacAddress ParseMac(string name, string text) =>
        MacAddress.TryParse(text, out var mac) && !mac.IsMulticast && mac.Value != 0
            ? mac
            : throw NeutronErrors.InvalidAttribute(name, $"'{text}' is not a valid MAC address");
}
