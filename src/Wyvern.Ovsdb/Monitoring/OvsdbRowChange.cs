using Wyvern.Ovsdb.Values;

namespace Wyvern.Ovsdb.Monitoring;

/// <summary>One row's change within a monitor update: <see cref="Old"/> is the row before
/// (null for an insert), <see cref="New"/> the row after (null for a delete).</summary>
public sealed record OvsdbRowChange(string Table, Guid Uuid, OvsdbRow? Old, OvsdbRow? New)
{
    /// <summary>Insert, modify or delete.</summary>
    public OvsdbRowChangeKind Kind =>
        Old is null ? OvsdbRowChangeKind.Insert : New is null ? OvsdbRowChangeKind.Delete : OvsdbRowChangeKind.Modify;
}
