using System.Collections.Frozen;
using Wyvern.OpenFlow.Matching;

namespace Wyvern.Pipeline;

/// <summary>
/// One table as the pipeline declares it: the fields its flows may match,
/// the fields their actions may write, and the tables they may continue in
/// (goto_table, resubmit, ct recirculation).
/// </summary>
public sealed record TableSpec(
    TableId Id,
    string Purpose,
    FrozenSet<OxmField> Matches,
    FrozenSet<OxmField> Sets,
    FrozenSet<TableId> Next,
    bool MayOutput);
