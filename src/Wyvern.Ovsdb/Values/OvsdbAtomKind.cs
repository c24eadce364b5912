namespace Wyvern.Ovsdb.Values;

/// <summary>The atomic types of RFC 7047 §3.1 (<c>&lt;atomic-type&gt;</c>), plus the
/// transaction-local <c>named-uuid</c> form of §5.1.</summary>
public enum OvsdbAtomKind
{
    /// <summary>A 64-bit signed integer.</summary>
    Integer,
    /// <summary>An IEEE 754 double.</summary>
    Real,
    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,
    /// <summary>A UTF-8 string.</summary>
    String,
    /// <summary>A row UUID, <c>["uuid", "…"]</c> on the wire.</summary>
    Uuid,
    /// <summary>A name for a row inserted earlier in the same transaction, <c>["named-uuid", "…"]</c>.</summary>
    NamedUuid,
}
