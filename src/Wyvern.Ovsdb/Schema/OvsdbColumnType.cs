using Wyvern.Ovsdb.Values;

namespace Wyvern.Ovsdb.Schema;

/// <summary>RFC 7047 §3.2 <c>&lt;type&gt;</c>: key type, optional value type (a map), and how many
/// elements the column holds (<c>min</c> 0 or 1, <c>max</c> ≥ 1 or unlimited).</summary>
public sealed record OvsdbColumnType(OvsdbBaseType Key, OvsdbBaseType? Value, long Min, long Max)
{
    /// <summary>The <c>max</c> of an "unlimited" column.</summary>
    public const long Unlimited = long.MaxValue;

    /// <summary>Exactly one atom (min 1, max 1, no value type).</summary>
    public bool IsScalar => Value is null && Min == 1 && Max == 1;

    /// <summary>True when the column is a map.</summary>
    public bool IsMap => Value is not null;

    /// <summary>The value of a column that was never written, which monitors omit
    /// (ovsdb-server(7) §4.1.14): the default atom for a scalar, otherwise empty.</summary>
    public OvsdbValue DefaultValue =>
        IsScalar ? OvsdbValue.Atom(Key.DefaultAtom) : IsMap ? OvsdbValue.EmptyMap : OvsdbValue.EmptySet;

    /// <summary>Makes a schema-less decoded value fit this type: a real column may arrive as an
    /// integer literal, and an empty map may arrive as an empty set.</summary>
    public OvsdbValue Coerce(OvsdbValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Count == 0)
        {
            return IsMap ? OvsdbValue.EmptyMap : OvsdbValue.EmptySet;
        }

        var realKey = Key.Kind == OvsdbAtomKind.Real;
        var realValue = Value?.Kind == OvsdbAtomKind.Real;
        if (!realKey && !realValue)
        {
            return value;
        }

        static OvsdbAtom ToReal(OvsdbAtom a) => a.Kind == OvsdbAtomKind.Integer ? OvsdbAtom.Real(a.AsReal) : a;
        return value.IsMap
            ? OvsdbValue.Map(value.Pairs().Select(p => KeyValuePair.Create(
                realKey ? ToReal(p.Key) : p.Key, realValue ? ToReal(p.Value) : p.Value)))
            : OvsdbValue.Set(value.Keys.Select(a => realKey ? ToReal(a) : a));
    }
}
