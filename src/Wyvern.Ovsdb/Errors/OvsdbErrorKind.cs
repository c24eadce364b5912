namespace Wyvern.Ovsdb.Errors;

/// <summary>The <c>&lt;error&gt;</c> strings of RFC 7047 §4.1.3 and §5.2, plus ovsdb-server's
/// extensions (ovsdb-server(7) §3.1), as a closed set.</summary>
public enum OvsdbErrorKind
{
    /// <summary>An error string this library does not know.</summary>
    Other,
    /// <summary>"referential integrity violation": a strong reference to a missing row, or a
    /// delete that leaves references behind.</summary>
    ReferentialIntegrityViolation,
    /// <summary>"constraint violation": a value outside its column's constraints, or a
    /// duplicate in a table index.</summary>
    ConstraintViolation,
    /// <summary>"resources exhausted".</summary>
    ResourcesExhausted,
    /// <summary>"I/O error".</summary>
    IoError,
    /// <summary>"duplicate uuid-name".</summary>
    DuplicateUuidName,
    /// <summary>"domain error".</summary>
    DomainError,
    /// <summary>"range error".</summary>
    RangeError,
    /// <summary>"timed out": a <c>wait</c> whose condition did not hold before its timeout.</summary>
    TimedOut,
    /// <summary>"not supported".</summary>
    NotSupported,
    /// <summary>"aborted": an explicit <c>abort</c> operation.</summary>
    Aborted,
    /// <summary>"not owner": an <c>assert</c> on a lock this session does not hold.</summary>
    NotOwner,
    /// <summary>"syntax error or unknown column" (ovsdb-server extension).</summary>
    SyntaxError,
    /// <summary>"permission error" (ovsdb-server RBAC extension).</summary>
    PermissionError,
}
