namespace Wyvern.OpenFlow.Messages;

/// <summary>OF 1.3.5 §7.3.5.4 ofp_table_stats: table_id(1) pad(3) active_count(4) lookup_count(8) matched_count(8).</summary>
public readonly record struct TableStats(byte TableId, uint ActiveCount, ulong LookupCount, ulong MatchedCount)
{
    /// <summary>Size on the wire.</summary>
    public const int Size = 24;
}
