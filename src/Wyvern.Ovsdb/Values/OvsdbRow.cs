using System.Collections;
using System.Collections.Concurrent;
using System.Text.Json;
using Wyvern.Ovsdb.Errors;
using Wyvern.Ovsdb.Schema;

namespace Wyvern.Ovsdb.Values;

/// <summary>
/// One row (RFC 7047 §5.1 <c>&lt;row&gt;</c>): its uuid and the columns that were read or
/// monitored. Immutable; <see cref="With"/> returns a changed copy.
/// </summary>
/// <remarks>
/// Stored compactly because a monitor holds one per row of a table (10,000 interfaces on a big
/// chassis): the values in an array, index-aligned with the column names sorted ordinally, and
/// one names array per distinct set of columns, shared by every row that has that set (every row
/// of a monitored table), instead of a sorted dictionary per row.
/// </remarks>
public sealed class OvsdbRow : IEquatable<OvsdbRow>
{
    // Bounded by the schema: one entry per distinct set of column names ever seen.
    private static readonly ConcurrentDictionary<string[], string[]> NameSets = new(NamesComparer.Instance);

    private readonly string[] _names;
    private readonly OvsdbValue[] _values;

    /// <summary>Creates a row; a column given twice keeps its last value.</summary>
    public OvsdbRow(Guid uuid, IEnumerable<KeyValuePair<string, OvsdbValue>> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var sorted = new SortedDictionary<string, OvsdbValue>(StringComparer.Ordinal);
        foreach (var (name, value) in columns)
        {
            ArgumentNullException.ThrowIfNull(name, nameof(columns));
            sorted[name] = value ?? throw new ArgumentException($"column {name} has no value", nameof(columns));
        }

        Uuid = uuid;
        _names = Share([.. sorted.Keys]);
        _values = [.. sorted.Values];
    }

    private OvsdbRow(Guid uuid, string[] names, OvsdbValue[] values)
    {
        Uuid = uuid;
        _names = names;
        _values = values;
    }

    /// <summary>The row's <c>_uuid</c>.</summary>
    public Guid Uuid { get; }

    /// <summary>Column values by column name (a view over the row, in ordinal order of names).</summary>
    public IReadOnlyDictionary<string, OvsdbValue> Columns => new ColumnsView(this);

    /// <summary>The column's value, or an empty set if the row lacks the column.</summary>
    public OvsdbValue this[string column] => IndexOf(column) is var i and >= 0 ? _values[i] : OvsdbValue.EmptySet;

    /// <summary>A copy with the given columns replaced (or added).</summary>
    public OvsdbRow With(IEnumerable<KeyValuePair<string, OvsdbValue>> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var values = (OvsdbValue[])_values.Clone();
        List<KeyValuePair<string, OvsdbValue>>? added = null;
        foreach (var (name, value) in columns)
        {
            ArgumentNullException.ThrowIfNull(value, nameof(columns));
            if (IndexOf(name) is var i and >= 0)
            {
                values[i] = value;
            }
            else
            {
                (added ??= []).Add(KeyValuePair.Create(name, value));
            }
        }

        return added is null
            ? new OvsdbRow(Uuid, _names, values)
            : new OvsdbRow(Uuid, _names.Select((n, i) => KeyValuePair.Create(n, values[i])).Concat(added));
    }

    /// <summary>The single string in the column, or null.</summary>
    public string? GetString(string column) =>
        this[column].SingleOrNone is { Kind: OvsdbAtomKind.String } a ? a.AsString : null;

    /// <summary>The single integer in the column, or null (an empty optional column).</summary>
    public long? GetInteger(string column) =>
        this[column].SingleOrNone is { Kind: OvsdbAtomKind.Integer } a ? a.AsInteger : null;

    /// <summary>The single boolean in the column, or null.</summary>
    public bool? GetBoolean(string column) =>
        this[column].SingleOrNone is { Kind: OvsdbAtomKind.Boolean } a ? a.AsBoolean : null;

    /// <summary>The column as a string→string map.</summary>
    public IReadOnlyDictionary<string, string> GetStringMap(string column) => this[column].ToStringMap();

    /// <summary>The uuids in the column (a reference set).</summary>
    public IReadOnlyList<Guid> GetUuids(string column) => this[column].ToUuids();

    /// <summary>The strings in the column (a set of strings).</summary>
    public IReadOnlyList<string> GetStrings(string column) =>
        [.. this[column].Keys.Where(a => a.Kind == OvsdbAtomKind.String).Select(a => a.AsString)];

    /// <summary>
    /// Reads a <c>&lt;row&gt;</c> object. With a table schema, omitted columns get their
    /// defaults (monitors omit default values, ovsdb-server(7) §4.1.14) and values are
    /// coerced to their column types; <paramref name="columns"/> limits which columns are
    /// defaulted (the monitored ones).
    /// </summary>
    /// <remarks>The reader is on the row's <c>{</c> and is left on its <c>}</c>.</remarks>
    public static OvsdbRow Parse(Guid uuid, ref Utf8JsonReader reader, OvsdbTableSchema? table = null, IReadOnlyCollection<string>? columns = null)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new OvsdbProtocolException($"row must be an object, got {reader.TokenType} at byte {reader.TokenStartIndex}");
        }

        var builder = new Dictionary<string, OvsdbValue>(StringComparer.Ordinal);
        if (table is not null)
        {
            foreach (var column in columns ?? (IReadOnlyCollection<string>)table.Columns.Keys.ToArray())
            {
                if (table.Column(column) is { } schema)
                {
                    builder[column] = schema.Type.DefaultValue;
                }
            }
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // One instance per column name, not one per row: a monitor of 10,000
            // interfaces otherwise holds 100,000 copies of ten names.
            var name = string.Intern(reader.GetString()!);
            reader.Read();
            var value = OvsdbJson.ReadValue(ref reader);
            if (table?.Column(name) is { } schema)
            {
                value = schema.Type.Coerce(value);
            }

            builder[name] = value;
        }

        if (uuid == Guid.Empty && builder.TryGetValue("_uuid", out var self) && self.SingleOrNone is { Kind: OvsdbAtomKind.Uuid } u)
        {
            uuid = u.AsUuid;
        }

        return new OvsdbRow(uuid, builder);
    }

    /// <inheritdoc />
    public bool Equals(OvsdbRow? other)
    {
        if (other is null || Uuid != other.Uuid || !NamesComparer.Instance.Equals(_names, other._names))
        {
            return false;
        }

        for (var i = 0; i < _values.Length; i++)
        {
            if (!_values[i].Equals(other._values[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as OvsdbRow);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Uuid, _names.Length);

    /// <inheritdoc />
    public override string ToString() =>
        $"{Uuid} {{{string.Join(", ", _names.Select((n, i) => $"{n}={_values[i]}"))}}}";

    private int IndexOf(string column) => Array.BinarySearch(_names, column, StringComparer.Ordinal);

    private static string[] Share(string[] names) => names.Length == 0 ? [] : NameSets.GetOrAdd(names, names);

    private sealed class NamesComparer : IEqualityComparer<string[]>
    {
        public static readonly NamesComparer Instance = new();

        public bool Equals(string[]? x, string[]? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

        public int GetHashCode(string[] names)
        {
            var hash = new HashCode();
            foreach (var name in names)
            {
                hash.Add(name, StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }
    }

    private sealed class ColumnsView(OvsdbRow row) : IReadOnlyDictionary<string, OvsdbValue>
    {
        public int Count => row._names.Length;

        public IEnumerable<string> Keys => row._names;

        public IEnumerable<OvsdbValue> Values => row._values;

        public OvsdbValue this[string key] =>
            TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"row {row.Uuid} has no column {key}");

        public bool ContainsKey(string key) => row.IndexOf(key) >= 0;

        public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out OvsdbValue value)
        {
            var i = row.IndexOf(key);
            value = i >= 0 ? row._values[i] : null;
            return i >= 0;
        }

        public IEnumerator<KeyValuePair<string, OvsdbValue>> GetEnumerator()
        {
            for (var i = 0; i < row._names.Length; i++)
            {
                yield return KeyValuePair.Create(row._names[i], row._values[i]);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
