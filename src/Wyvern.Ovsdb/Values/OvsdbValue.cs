using System.Collections.Immutable;

namespace Wyvern.Ovsdb.Values;

/// <summary>
/// A column value (RFC 7047 §5.1 <c>&lt;value&gt;</c>): an atom, a set of atoms or a map of
/// atom pairs. Every value is held as a set or map in canonical (sorted, de-duplicated)
/// order, so two values are equal exactly when OVSDB considers them equal; a single atom
/// is a set of one, as in OVSDB itself.
/// </summary>
public sealed class OvsdbValue : IEquatable<OvsdbValue>
{
    /// <summary>The empty set (<c>["set",[]]</c>).</summary>
    public static readonly OvsdbValue EmptySet = new([], default);

    /// <summary>The empty map (<c>["map",[]]</c>).</summary>
    public static readonly OvsdbValue EmptyMap = new([], []);

    private OvsdbValue(ImmutableArray<OvsdbAtom> keys, ImmutableArray<OvsdbAtom> values)
    {
        Keys = keys;
        ValuesOrDefault = values;
    }

    /// <summary>The set's atoms, or the map's keys, in canonical order.</summary>
    public ImmutableArray<OvsdbAtom> Keys { get; }

    /// <summary>True for a map (each key has a value).</summary>
    public bool IsMap => !ValuesOrDefault.IsDefault;

    /// <summary>The map's values, index-aligned with <see cref="Keys"/>; empty for a set.</summary>
    public ImmutableArray<OvsdbAtom> Values => IsMap ? ValuesOrDefault : [];

    /// <summary>Number of atoms (set) or pairs (map).</summary>
    public int Count => Keys.Length;

    private ImmutableArray<OvsdbAtom> ValuesOrDefault { get; }

    // The atoms that recur in every row of a table (false, true, 0, ""; the scalar defaults
    // a monitor fills in for omitted columns) are one instance each, not one per row.
    private static readonly OvsdbValue False = new([OvsdbAtom.Boolean(false)], default);
    private static readonly OvsdbValue True = new([OvsdbAtom.Boolean(true)], default);
    private static readonly OvsdbValue Zero = new([OvsdbAtom.Integer(0)], default);
    private static readonly OvsdbValue EmptyString = new([OvsdbAtom.String("")], default);

    /// <summary>A value holding one atom.</summary>
    public static OvsdbValue Atom(OvsdbAtom atom) => atom.Kind switch
    {
        OvsdbAtomKind.Boolean => atom.AsBoolean ? True : False,
        OvsdbAtomKind.Integer when atom.AsInteger == 0 => Zero,
        OvsdbAtomKind.String when atom.AsString.Length == 0 => EmptyString,
        _ => new([atom], default),
    };

    /// <summary>A set; duplicates are dropped.</summary>
    public static OvsdbValue Set(params IEnumerable<OvsdbAtom> atoms)
    {
        var sorted = atoms.Distinct().Order().ToImmutableArray();
        return sorted.IsEmpty ? EmptySet : new(sorted, default);
    }

    /// <summary>A map; a repeated key is an error (OVSDB's "ovsdb error: duplicate key").</summary>
    public static OvsdbValue Map(IEnumerable<KeyValuePair<OvsdbAtom, OvsdbAtom>> pairs)
    {
        var sorted = pairs.OrderBy(p => p.Key).ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Key == sorted[i - 1].Key)
            {
                throw new ArgumentException($"duplicate map key {sorted[i].Key}", nameof(pairs));
            }
        }

        return new([.. sorted.Select(p => p.Key)], [.. sorted.Select(p => p.Value)]);
    }

    /// <summary>A string→string map, the shape of <c>external_ids</c>, <c>options</c>, <c>other_config</c>.</summary>
    public static OvsdbValue StringMap(IEnumerable<KeyValuePair<string, string>> pairs) =>
        Map(pairs.Select(p => KeyValuePair.Create(OvsdbAtom.String(p.Key), OvsdbAtom.String(p.Value))));

    /// <summary>A set of uuids (the shape of a reference column).</summary>
    public static OvsdbValue UuidSet(IEnumerable<Guid> uuids) => Set(uuids.Select(OvsdbAtom.Uuid));

    public static implicit operator OvsdbValue(OvsdbAtom atom) => Atom(atom);

    public static implicit operator OvsdbValue(long value) => Atom(value);

    public static implicit operator OvsdbValue(bool value) => Atom(value);

    public static implicit operator OvsdbValue(string value) => Atom(value);

    public static implicit operator OvsdbValue(Guid value) => Atom(value);

    /// <summary>The single atom of a one-element set, or null (an empty optional column).</summary>
    public OvsdbAtom? SingleOrNone => Count == 1 && !IsMap ? Keys[0] : (OvsdbAtom?)null;

    /// <summary>The value of <paramref name="key"/> in a map, or null.</summary>
    public OvsdbAtom? Lookup(OvsdbAtom key)
    {
        if (!IsMap)
        {
            return null;
        }

        var i = Keys.BinarySearch(key);
        return i >= 0 ? ValuesOrDefault[i] : (OvsdbAtom?)null;
    }

    /// <summary>The map's pairs.</summary>
    public IEnumerable<KeyValuePair<OvsdbAtom, OvsdbAtom>> Pairs()
    {
        for (var i = 0; i < Keys.Length; i++)
        {
            yield return KeyValuePair.Create(Keys[i], Values[i]);
        }
    }

    /// <summary>A string→string map as a dictionary (pairs of other kinds are skipped).</summary>
    public IReadOnlyDictionary<string, string> ToStringMap()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < Keys.Length && IsMap; i++)
        {
            if (Keys[i].Kind == OvsdbAtomKind.String && ValuesOrDefault[i].Kind == OvsdbAtomKind.String)
            {
                result[Keys[i].AsString] = ValuesOrDefault[i].AsString;
            }
        }

        return result;
    }

    /// <summary>The uuids in this set (other kinds are skipped).</summary>
    public IReadOnlyList<Guid> ToUuids() =>
        [.. Keys.Where(k => k.Kind == OvsdbAtomKind.Uuid).Select(k => k.AsUuid)];

    /// <inheritdoc />
    public bool Equals(OvsdbValue? other)
    {
        if (other is null)
        {
            return false;
        }

        // An empty set and an empty map are the same "nothing": the wire may use either
        // for an empty map column (e.g. an update2 diff).
        if (Count == 0 && other.Count == 0)
        {
            return true;
        }

        return IsMap == other.IsMap
            && Keys.SequenceEqual(other.Keys)
            && Values.SequenceEqual(other.Values);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as OvsdbValue);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var key in Keys)
        {
            hash.Add(key);
        }

        return hash.ToHashCode();
    }

    /// <summary>The value in ovs-vsctl notation, for messages and logs.</summary>
    public override string ToString() =>
        IsMap
            ? "{" + string.Join(", ", Pairs().Select(p => $"{p.Key}={p.Value}")) + "}"
            : Count == 1 ? Keys[0].ToString() : "[" + string.Join(", ", Keys) + "]";
}
