using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using Wyvern.Model.Json;

namespace Wyvern.Model;

/// <summary>
/// An immutable string-to-string map compared by value (ordinal keys, sorted), for
/// free-form Neutron fields such as <c>binding:profile</c> and bridge mappings.
/// <c>default</c> behaves as empty.
/// </summary>
[JsonConverter(typeof(ValueMapJsonConverter))]
[SuppressMessage("Naming", "CA1710", Justification = "A map value, named for what it is in the model, not a dictionary API.")]
public readonly struct ValueMap : IReadOnlyDictionary<string, string>, IEquatable<ValueMap>
{
    private readonly ImmutableSortedDictionary<string, string>? _items;

    /// <summary>Copies <paramref name="items"/>.</summary>
    public ValueMap(IEnumerable<KeyValuePair<string, string>> items) =>
        _items = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, items);

    /// <summary>The empty map.</summary>
    public static ValueMap Empty => default;

    private ImmutableSortedDictionary<string, string> Items =>
        _items ?? ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <inheritdoc/>
    public int Count => Items.Count;

    /// <inheritdoc/>
    public string this[string key] => Items[key];

    /// <inheritdoc/>
    public IEnumerable<string> Keys => Items.Keys;

    /// <inheritdoc/>
    public IEnumerable<string> Values => Items.Values;

    /// <summary>A copy with <paramref name="key"/> set to <paramref name="value"/>.</summary>
    public ValueMap SetItem(string key, string value) => new(Items.SetItem(key, value));

    /// <summary>The value for <paramref name="key"/>, or null.</summary>
    public string? GetValueOrDefault(string key) => Items.GetValueOrDefault(key);

    /// <inheritdoc/>
    public bool ContainsKey(string key) => Items.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) => Items.TryGetValue(key, out value);

    /// <inheritdoc/>
    public bool Equals(ValueMap other)
    {
        if (Count != other.Count)
        {
            return false;
        }
        foreach (var (key, value) in Items)
        {
            if (!other.TryGetValue(key, out var otherValue) || !string.Equals(value, otherValue, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ValueMap other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (key, value) in Items)
        {
            hash.Add(key, StringComparer.Ordinal);
            hash.Add(value, StringComparer.Ordinal);
        }
        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => "{" + string.Join(", ", Items.Select(kv => $"{kv.Key}={kv.Value}")) + "}";

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => Items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Value equality.</summary>
    public static bool operator ==(ValueMap left, ValueMap right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(ValueMap left, ValueMap right) => !left.Equals(right);
}
