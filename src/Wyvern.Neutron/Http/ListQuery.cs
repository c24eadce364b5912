using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Wyvern.Neutron.Http;

/// <summary>
/// A list request's query string, as Neutron reads it: filters by any attribute (repeated keys are OR,
/// different keys AND; booleans in any case), <c>fields=</c> (unknown names ignored), <c>sort_key</c>/<c>sort_dir</c>,
/// and <c>limit</c>/<c>marker</c>/<c>page_reverse</c> pagination answered with <c>*_links</c>.
/// </summary>
internal sealed class ListQuery
{
    private static readonly HashSet<string> Reserved =
        ["fields", "sort_key", "sort_dir", "limit", "marker", "page_reverse", "tags", "tags-any", "not-tags", "not-tags-any"];

    private readonly IQueryCollection _query;

    private ListQuery(IQueryCollection query) => _query = query;

    /// <summary>Reads <paramref name="request"/>'s query.</summary>
    public static ListQuery From(HttpRequest request) => new(request.Query);

    /// <summary>The <c>fields=</c> names, or null for all.</summary>
    public IReadOnlySet<string>? Fields =>
        _query.TryGetValue("fields", out var fields) && fields.Count > 0
            ? fields.SelectMany(f => (f ?? "").Split(',')).Where(f => f.Length > 0).ToHashSet(StringComparer.Ordinal)
            : null;

    /// <summary>
    /// Filters, sorts, pages and projects <paramref name="items"/> into the list response body, as UTF-8 JSON.
    /// The items are written, never attached, so a handler may hand out the same (cached) objects to many requests.
    /// </summary>
    public byte[] Write(IEnumerable<JsonObject> items, string collectionKey, HttpRequest request)
    {
        var selected = items.Where(Matches).ToList();
        selected = Sort(selected);
        var links = new JsonArray();
        if (_query.TryGetValue("limit", out var limitText) && !StringValues.IsNullOrEmpty(limitText))
        {
            selected = Page(selected, limitText.ToString(), request, links);
        }
        var fields = Fields;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(selected.Count * 512 + 64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray(collectionKey);
            foreach (var item in selected)
            {
                (fields is null ? item : Project(item, fields)).WriteTo(writer);
            }
            writer.WriteEndArray();
            if (links.Count > 0)
            {
                writer.WritePropertyName(collectionKey + "_links");
                links.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Only the <paramref name="fields"/> of <paramref name="item"/> (all when null).</summary>
    public static JsonObject Project(JsonObject item, IReadOnlySet<string>? fields)
    {
        if (fields is null)
        {
            return item;
        }
        var projected = new JsonObject();
        foreach (var (key, value) in item)
        {
            if (fields.Contains(key))
            {
                projected[key] = value?.DeepClone();
            }
        }
        return projected;
    }

    private bool Matches(JsonObject item)
    {
        foreach (var (key, values) in _query)
        {
            if (Reserved.Contains(key))
            {
                continue;
            }
            if (!item.TryGetPropertyValue(key, out var attribute))
            {
                continue; // Neutron ignores filters on attributes a resource does not have.
            }
            if (!values.Any(v => MatchesValue(key, attribute, v ?? "")))
            {
                return false;
            }
        }
        return MatchesTags(item);
    }

    private bool MatchesTags(JsonObject item)
    {
        var tags = (item["tags"] as JsonArray)?.Select(t => t?.GetValue<string>()).ToHashSet() ?? [];
        bool All(string key) => !_query.TryGetValue(key, out var v) || v.SelectMany(s => (s ?? "").Split(',')).All(tags.Contains);
        bool Any(string key) => !_query.TryGetValue(key, out var v) || v.SelectMany(s => (s ?? "").Split(',')).Any(tags.Contains);
        return All("tags") && Any("tags-any")
            && (!_query.ContainsKey("not-tags") || !All("not-tags"))
            && (!_query.ContainsKey("not-tags-any") || !Any("not-tags-any"));
    }

    private static bool MatchesValue(string key, JsonNode? attribute, string wanted)
    {
        switch (attribute)
        {
            case null:
                return wanted.Length == 0 || wanted == "None";
            case JsonArray array when key == "fixed_ips":
                return MatchesFixedIp(array, wanted);
            case JsonArray array:
                return array.Any(element => MatchesValue(key, element, wanted));
            case JsonObject:
                return false;
            default:
                var value = (JsonValue)attribute;
                return value.GetValueKind() switch
                {
                    JsonValueKind.True or JsonValueKind.False =>
                        bool.TryParse(wanted, out var b) && b == (value.GetValueKind() == JsonValueKind.True),
                    JsonValueKind.String => string.Equals(value.GetValue<string>(), wanted, StringComparison.Ordinal),
                    _ => string.Equals(value.ToJsonString(), wanted, StringComparison.Ordinal),
                };
        }
    }

    // fixed_ips=ip_address=10.0.0.5, fixed_ips=subnet_id=…, fixed_ips=ip_address_substr=10.0.
    private static bool MatchesFixedIp(JsonArray fixedIps, string wanted)
    {
        var eq = wanted.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0)
        {
            return false;
        }
        var field = wanted[..eq];
        var value = wanted[(eq + 1)..];
        return fixedIps.OfType<JsonObject>().Any(ip => field switch
        {
            "ip_address_substr" => ip["ip_address"]?.GetValue<string>().Contains(value, StringComparison.Ordinal) == true,
            _ => ip[field]?.GetValue<string>() == value,
        });
    }

    private List<JsonObject> Sort(List<JsonObject> items)
    {
        var keys = _query.TryGetValue("sort_key", out var k) ? k.Select(s => s ?? "").ToList() : [];
        var dirs = _query.TryGetValue("sort_dir", out var d) ? d.Select(s => s ?? "asc").ToList() : [];
        if (keys.Count == 0)
        {
            return items; // the store lists by id, Neutron's default order.
        }
        if (items.Count > 0 && keys.FirstOrDefault(key => !items[0].ContainsKey(key)) is { } badKey)
        {
            throw NeutronErrors.BadRequest($"{badKey} is an invalid attribute for sort_key");
        }
        IOrderedEnumerable<JsonObject>? ordered = null;
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var descending = i < dirs.Count && dirs[i].Equals("desc", StringComparison.OrdinalIgnoreCase);
            if (i < dirs.Count && !descending && !dirs[i].Equals("asc", StringComparison.OrdinalIgnoreCase))
            {
                throw NeutronErrors.BadRequest($"{dirs[i]} is an invalid value for sort_dir, valid values are 'asc' and 'desc'");
            }
            Func<JsonObject, string> selector = o => SortValue(o[key]);
            ordered = ordered is null
                ? (descending ? items.OrderByDescending(selector, SortComparer.Instance) : items.OrderBy(selector, SortComparer.Instance))
                : (descending ? ordered.ThenByDescending(selector, SortComparer.Instance) : ordered.ThenBy(selector, SortComparer.Instance));
        }
        return [.. ordered!.ThenBy(o => o["id"]?.GetValue<string>(), StringComparer.Ordinal)];
    }

    private static string SortValue(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    private List<JsonObject> Page(List<JsonObject> items, string limitText, HttpRequest request, JsonArray links)
    {
        if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var limit))
        {
            throw NeutronErrors.BadRequest($"Bad limit request: Limit must be an integer 0 or greater and not '{limitText}'");
        }
        if (limit == 0)
        {
            return items;
        }
        var reverse = _query.TryGetValue("page_reverse", out var r) && bool.TryParse(r.ToString(), out var rv) && rv;
        var marker = _query.TryGetValue("marker", out var m) ? m.ToString() : null;
        var start = 0;
        var end = items.Count;
        if (!string.IsNullOrEmpty(marker))
        {
            var at = items.FindIndex(o => o["id"]?.GetValue<string>() == marker);
            if (at < 0)
            {
                throw NeutronErrors.NotFound("HTTPNotFound", $"Marker {marker} could not be found.");
            }
            if (reverse)
            {
                end = at;
            }
            else
            {
                start = at + 1;
            }
        }
        List<JsonObject> page;
        bool more;
        if (reverse)
        {
            var from = Math.Max(0, end - limit);
            page = items.GetRange(from, end - from);
            more = from > 0;
        }
        else
        {
            page = items.GetRange(start, Math.Min(limit, end - start));
            more = start + page.Count < end;
        }
        if (page.Count > 0)
        {
            if (more || reverse)
            {
                links.Add(Link(request, "next", page[^1]["id"]!.GetValue<string>(), limit, false));
            }
            if (!string.IsNullOrEmpty(marker))
            {
                links.Add(Link(request, "previous", page[0]["id"]!.GetValue<string>(), limit, true));
            }
        }
        return page;
    }

    private JsonObject Link(HttpRequest request, string rel, string marker, int limit, bool reverse)
    {
        var parameters = _query
            .Where(kv => kv.Key is not ("marker" or "limit" or "page_reverse"))
            .SelectMany(kv => kv.Value.Select(v => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(v ?? "")}"))
            .Append($"limit={limit}")
            .Append($"marker={Uri.EscapeDataString(marker)}");
        if (reverse)
        {
            parameters = parameters.Append("page_reverse=True");
        }
        var href = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?{string.Join('&', parameters)}";
        return new JsonObject { ["rel"] = rel, ["href"] = href };
    }

    /// <summary>Numbers by value, everything else ordinally.</summary>
    private sealed class SortComparer : IComparer<string>
    {
        public static readonly SortComparer Instance = new();

        public int Compare(string? x, string? y) =>
            long.TryParse(x, CultureInfo.InvariantCulture, out var a) && long.TryParse(y, CultureInfo.InvariantCulture, out var b)
                ? a.CompareTo(b)
                : string.CompareOrdinal(x, y);
    }
}
