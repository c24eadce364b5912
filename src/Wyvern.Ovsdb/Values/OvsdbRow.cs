using System.Collections.Immutable;
using System.Text.Json;
using Wyvern.Ovsdb.Errors;
using Wyvern.Ovsdb.Schema;

namespace Wyvern.Ovsdb.Values;

/// <summary>
/// One row (RFC 7047 §5.1 <c>&lt;row&gt;</c>): its uuid and the columns that were read or
/// monitored. Immutable; <see cref="With"/> returns a changed copy.
/// </summary>
public sealed class OvsdbRow : IEquatable<OvsdbRow>
{
    /// <summary>Creates a row.</summary>
    public OvsdbRow(Guid uuid, ImmutableSortedDictionary<string, OvsdbValue> columns)
    {
        Uuid = uuid;
        Columns = columns ?? throw new ArgumentNullException(nameof(columns));
    }

    /// <summary>The row's <c>_uuid</c>.</summary>
    public Guid Uuid { get; }

    /// <summary>Column values by column name.</summary>
    public ImmutableSortedDictionary<string, OvsdbValue> Columns { get; }

    /// <summary>The column's value, or an empty set if the row lacks the column.</summary>
    public OvsdbValue this[string column] => Columns.GetValueOrDefault(column) ?? OvsdbValue.EmptySet;

    /// <summary>A copy with the given columns replaced.</summary>
    public OvsdbRow With(IEnumerable<KeyValuePair<string, OvsdbValue>> columns) => new(Uuid, Columns.SetItems(columns));

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
    public static OvsdbRow Parse(Guid uuid, JsonElement json, OvsdbTableSchema? table = null, IReadOnlyCollection<string>? columns = null)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new OvsdbProtocolException($"row must be an object, got {OvsdbJson.Truncate(json.GetRawText())}");
        }

        var builder = ImmutableSortedDictionary.CreateBuilder<string, OvsdbValue>(StringComparer.Ordinal);
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

        foreach (var property in json.EnumerateObject())
        {
            var value = OvsdbJson.ReadValue(property.Value);
            if (table?.Column(property.Name) is { } schema)
            {
                value = schema.Type.Coerce(value);
            }

            // One instance per column name, not one per row: a monitor of 10,000
            // interfaces otherwise holds 100,000 copies of ten names.
            builder[string.Intern(property.Name)] = value;
        }

        if (uuid == Guid.Empty && builder.TryGetValue("_uuid", out var self) && self.SingleOrNone is { Kind: OvsdbAtomKind.Uuid } u)
        {
            uuid = u.AsUuid;
        }

        return new OvsdbRow(uuid, builder.ToImmutable());
    }

    /// <inheritdoc />
    public bool Equals(OvsdbRow? other) =>
        other is not null && Uuid == other.Uuid && Columns.Count == other.Columns.Count
        && Columns.All(c => other.Columns.TryGetValue(c.Key, out var v) && v.Equals(c.Value));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as OvsdbRow);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Uuid, Columns.Count);

    /// <inheritdoc />
    public override string ToString() =>
        $"{Uuid} {{{string.Join(", ", Columns.Select(c => $"{c.Key}={c.Value}"))}}}";
}
