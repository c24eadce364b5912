using Wyvern.Northbound.Embedded;
using Wyvern.Northbound.Etcd;

namespace Wyvern.Northbound;

/// <summary>
/// Opens a store from one configuration string, for the command line and config files:
/// <c>embedded:/var/lib/wyvern/nb.db</c>, or <c>etcd:http://10.0.0.1:2379,http://10.0.0.2:2379</c>
/// with an optional <c>;prefix=/wyvern</c>.
/// </summary>
public static class NbStoreConnection
{
    /// <summary>The store <paramref name="connection"/> names; <see cref="FormatException"/> for anything else.</summary>
    public static NbStoreBase Open(string connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.StartsWith("embedded:", StringComparison.Ordinal) && connection.Length > "embedded:".Length)
        {
            return EmbeddedNbStore.Open(connection["embedded:".Length..]);
        }
        if (connection.StartsWith("etcd:", StringComparison.Ordinal))
        {
            var parts = connection["etcd:".Length..].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var prefix = "/wyvern";
            foreach (var option in parts.Skip(1))
            {
                prefix = option.StartsWith("prefix=", StringComparison.Ordinal) && option.Length > "prefix=".Length
                    ? option["prefix=".Length..]
                    : throw new FormatException($"unknown etcd option '{option}' in '{connection}'");
            }
            var endpoints = parts.Length == 0 ? [] : parts[0].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (endpoints.Length == 0)
            {
                throw new FormatException($"no etcd endpoint in '{connection}'");
            }
            var uris = endpoints.Select(e => Uri.TryCreate(e, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? uri
                : throw new FormatException($"'{e}' is not an http(s) etcd endpoint")).ToList();
            return new EtcdNbStore(new EtcdNbStoreOptions { Endpoints = uris, Prefix = prefix });
        }
        throw new FormatException($"'{connection}' is neither 'embedded:<path>' nor 'etcd:<url>[,<url>…][;prefix=<prefix>]'");
    }
}
