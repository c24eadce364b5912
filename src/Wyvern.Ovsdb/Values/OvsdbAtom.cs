using System.Globalization;

namespace Wyvern.Ovsdb.Values;

/// <summary>
/// One OVSDB atom (RFC 7047 §5.1 <c>&lt;atom&gt;</c>): an integer, real, boolean, string,
/// uuid or named-uuid. Value-equal and totally ordered (by kind, then value) so that
/// sets and maps have a canonical order.
/// </summary>
public readonly struct OvsdbAtom : IEquatable<OvsdbAtom>, IComparable<OvsdbAtom>
{
    private readonly long _bits;
    private readonly string? _text;
    private readonly Guid _uuid;

    private OvsdbAtom(OvsdbAtomKind kind, long bits, string? text, Guid uuid)
    {
        Kind = kind;
        _bits = bits;
        _text = text;
        _uuid = uuid;
    }

    /// <summary>The atom's type.</summary>
    public OvsdbAtomKind Kind { get; }

    /// <summary>An integer atom.</summary>
    public static OvsdbAtom Integer(long value) => new(OvsdbAtomKind.Integer, value, null, Guid.Empty);

    /// <summary>A real atom.</summary>
    public static OvsdbAtom Real(double value) => new(OvsdbAtomKind.Real, BitConverter.DoubleToInt64Bits(value), null, Guid.Empty);

    /// <summary>A boolean atom.</summary>
    public static OvsdbAtom Boolean(bool value) => new(OvsdbAtomKind.Boolean, value ? 1 : 0, null, Guid.Empty);

    /// <summary>A string atom.</summary>
    public static OvsdbAtom String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(OvsdbAtomKind.String, 0, value, Guid.Empty);
    }

    /// <summary>A uuid atom (a reference to a row).</summary>
    public static OvsdbAtom Uuid(Guid value) => new(OvsdbAtomKind.Uuid, 0, null, value);

    /// <summary>A named-uuid atom: refers to a row inserted with this <c>uuid-name</c> in the same transaction.</summary>
    public static OvsdbAtom NamedUuid(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new(OvsdbAtomKind.NamedUuid, 0, name, Guid.Empty);
    }

    /// <summary>The integer value; throws if this is not an integer atom.</summary>
    public long AsInteger => Kind == OvsdbAtomKind.Integer ? _bits : throw WrongKind(OvsdbAtomKind.Integer);

    /// <summary>The real value (integers widen); throws for other kinds.</summary>
    public double AsReal => Kind switch
    {
        OvsdbAtomKind.Real => BitConverter.Int64BitsToDouble(_bits),
        OvsdbAtomKind.Integer => _bits,
        _ => throw WrongKind(OvsdbAtomKind.Real),
    };

    /// <summary>The boolean value; throws if this is not a boolean atom.</summary>
    public bool AsBoolean => Kind == OvsdbAtomKind.Boolean ? _bits != 0 : throw WrongKind(OvsdbAtomKind.Boolean);

    /// <summary>The string value; throws if this is not a string atom.</summary>
    public string AsString => Kind == OvsdbAtomKind.String ? _text! : throw WrongKind(OvsdbAtomKind.String);

    /// <summary>The uuid value; throws if this is not a uuid atom.</summary>
    public Guid AsUuid => Kind == OvsdbAtomKind.Uuid ? _uuid : throw WrongKind(OvsdbAtomKind.Uuid);

    /// <summary>The uuid-name; throws if this is not a named-uuid atom.</summary>
    public string AsNamedUuid => Kind == OvsdbAtomKind.NamedUuid ? _text! : throw WrongKind(OvsdbAtomKind.NamedUuid);

    public static implicit operator OvsdbAtom(long value) => Integer(value);

    public static implicit operator OvsdbAtom(bool value) => Boolean(value);

    public static implicit operator OvsdbAtom(string value) => String(value);

    public static implicit operator OvsdbAtom(Guid value) => Uuid(value);

    /// <inheritdoc />
    public bool Equals(OvsdbAtom other) => CompareTo(other) == 0;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is OvsdbAtom other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Kind == OvsdbAtomKind.Real
        ? HashCode.Combine(Kind, AsReal == 0 ? 0 : AsReal.GetHashCode()) // 0.0 and -0.0 are equal
        : HashCode.Combine(Kind, _bits, _text, _uuid);

    /// <inheritdoc />
    public int CompareTo(OvsdbAtom other)
    {
        if (Kind != other.Kind)
        {
            return Kind.CompareTo(other.Kind);
        }

        return Kind switch
        {
            OvsdbAtomKind.Real => AsReal.CompareTo(other.AsReal),
            OvsdbAtomKind.String or OvsdbAtomKind.NamedUuid => string.CompareOrdinal(_text, other._text),
            OvsdbAtomKind.Uuid => _uuid.CompareTo(other._uuid),
            _ => _bits.CompareTo(other._bits),
        };
    }

    public static bool operator ==(OvsdbAtom left, OvsdbAtom right) => left.Equals(right);

    public static bool operator !=(OvsdbAtom left, OvsdbAtom right) => !left.Equals(right);

    public static bool operator <(OvsdbAtom left, OvsdbAtom right) => left.CompareTo(right) < 0;

    public static bool operator <=(OvsdbAtom left, OvsdbAtom right) => left.CompareTo(right) <= 0;

    public static bool operator >(OvsdbAtom left, OvsdbAtom right) => left.CompareTo(right) > 0;

    public static bool operator >=(OvsdbAtom left, OvsdbAtom right) => left.CompareTo(right) >= 0;

    /// <summary>The atom as ovs-vsctl would print it (for messages and logs).</summary>
    public override string ToString() => Kind switch
    {
        OvsdbAtomKind.Integer => _bits.ToString(CultureInfo.InvariantCulture),
        OvsdbAtomKind.Real => AsReal.ToString("R", CultureInfo.InvariantCulture),
        OvsdbAtomKind.Boolean => _bits != 0 ? "true" : "false",
        OvsdbAtomKind.String => "\"" + _text + "\"",
        OvsdbAtomKind.Uuid => _uuid.ToString(),
        _ => "@" + _text,
    };

    private InvalidOperationException WrongKind(OvsdbAtomKind wanted) =>
        new($"OVSDB atom is {Kind}, not {wanted}");
}
