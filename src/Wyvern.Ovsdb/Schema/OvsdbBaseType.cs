using Wyvern.Ovsdb.Values;

namespace Wyvern.Ovsdb.Schema;

/// <summary>RFC 7047 §3.2 <c>&lt;base-type&gt;</c>: an atomic type, optionally a reference to a table.</summary>
/// <param name="Kind">The atomic type.</param>
/// <param name="RefTable">For a uuid: the table its rows live in, if it is a reference.</param>
/// <param name="IsWeakReference">For a reference: <c>refType</c> is "weak".</param>
public sealed record OvsdbBaseType(OvsdbAtomKind Kind, string? RefTable = null, bool IsWeakReference = false)
{
    /// <summary>The default atom of this type (RFC 7047 §5.1: 0, 0.0, false, "", all-zero uuid).</summary>
    public OvsdbAtom DefaultAtom => Kind switch
    {
        OvsdbAtomKind.Integer => OvsdbAtom.Integer(0),
        OvsdbAtomKind.Real => OvsdbAtom.Real(0),
        OvsdbAtomKind.Boolean => OvsdbAtom.Boolean(false),
        OvsdbAtomKind.String => OvsdbAtom.String(""),
        _ => OvsdbAtom.Uuid(Guid.Empty),
    };
}
