namespace Wyvern.Ovsdb.Schema;

/// <summary>RFC 7047 §3.2 <c>&lt;table-schema&gt;</c>.</summary>
/// <param name="Name">Table name.</param>
/// <param name="Columns">Columns by name (without the implicit <c>_uuid</c> and <c>_version</c>).</param>
/// <param name="IsRoot">Rows survive without references (non-root rows are garbage collected).</param>
/// <param name="Indexes">Sets of columns whose values must be unique across rows.</param>
public sealed record OvsdbTableSchema(
    string Name,
    IReadOnlyDictionary<string, OvsdbColumnSchema> Columns,
    bool IsRoot,
    IReadOnlyList<IReadOnlyList<string>> Indexes)
{
    /// <summary>The column, or null if the table has none of that name.</summary>
    public OvsdbColumnSchema? Column(string name) => Columns.GetValueOrDefault(name);
}
