namespace Wyvern.Ovsdb.Monitoring;

/// <summary>Why a monitor update was delivered.</summary>
public enum OvsdbMonitorUpdateKind
{
    /// <summary>The first snapshot: every row is an insert.</summary>
    Initial,
    /// <summary>A change the server notified (<c>update2</c> or <c>update</c>).</summary>
    Update,
    /// <summary>After a reconnect: the difference between the view before the connection was
    /// lost and the server's fresh snapshot. Applying it leaves a consumer's copy equal to the
    /// database: no row is lost, none is left behind.</summary>
    Resync,
}
