using System.Collections.Immutable;
using Wyvern.Ovsdb.Values;

namespace Wyvern.Ovsdb.Monitoring;

/// <summary>An immutable snapshot of the monitored rows: table → uuid → row.</summary>
public sealed class OvsdbDatabaseView
{
    /// <summary>A view with no tables.</summary>
    public static readonly OvsdbDatabaseView Empty = new(ImmutableDictionary<string, ImmutableDictionary<Guid, OvsdbRow>>.Empty);

    internal OvsdbDatabaseView(ImmutableDictionary<string, ImmutableDictionary<Guid, OvsdbRow>> tables)
    {
        Tables = tables;
    }

    /// <summary>Rows by uuid, per table.</summary>
    public ImmutableDictionary<string, ImmutableDictionary<Guid, OvsdbRow>> Tables { get; }

    /// <summary>The rows of <paramref name="table"/> (empty if not monitored).</summary>
    public ImmutableDictionary<Guid, OvsdbRow> Table(string table) =>
        Tables.GetValueOrDefault(table) ?? ImmutableDictionary<Guid, OvsdbRow>.Empty;

    /// <summary>The row, or null.</summary>
    public OvsdbRow? Row(string table, Guid uuid) => Table(table).GetValueOrDefault(uuid);

    /// <summary>The changes that turn this view into <paramref name="next"/>, table by table.</summary>
    public IReadOnlyList<OvsdbRowChange> DiffTo(OvsdbDatabaseView next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var changes = new List<OvsdbRowChange>();
        foreach (var table in Tables.Keys.Union(next.Tables.Keys).Order(StringComparer.Ordinal))
        {
            var before = Table(table);
            var after = next.Table(table);
            foreach (var (uuid, row) in before)
            {
                if (!after.TryGetValue(uuid, out var now))
                {
                    changes.Add(new OvsdbRowChange(table, uuid, row, null));
                }
                else if (!now.Equals(row))
                {
                    changes.Add(new OvsdbRowChange(table, uuid, row, now));
                }
            }

            foreach (var (uuid, row) in after)
            {
                if (!before.ContainsKey(uuid))
                {
                    changes.Add(new OvsdbRowChange(table, uuid, null, row));
                }
            }
        }

        return changes;
    }
}
