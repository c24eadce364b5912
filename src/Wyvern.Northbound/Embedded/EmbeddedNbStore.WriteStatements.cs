using Microsoft.Data.Sqlite;

namespace Wyvern.Northbound.Embedded;

public sealed partial class EmbeddedNbStore
{
    /// <summary>
    /// The statements one write transaction runs per operation, each prepared once and
    /// executed with new parameter values: preparing them per operation (SQLite parses the
    /// SQL every time) was a third of the time a bulk import of 10,000 ports took to commit.
    /// Caller holds the store's lock and an open transaction.
    /// </summary>
    private sealed class WriteStatements : IDisposable
    {
        private readonly SqliteCommand _modRevision;
        private readonly SqliteCommand _upsert;
        private readonly SqliteCommand _delete;
        private readonly SqliteCommand _change;

        public WriteStatements(EmbeddedNbStore store)
        {
            _modRevision = store.Command("SELECT mod_rev FROM objects WHERE tbl = $t AND id = $i", ("$t", ""), ("$i", ""));
            _upsert = store.Command(
                // An update without a lease keeps the object's lease (etcd's ignore_lease).
                """
                INSERT INTO objects(tbl, id, project, json, mod_rev, lease) VALUES ($t, $i, $p, $j, $r, $l)
                ON CONFLICT(tbl, id) DO UPDATE SET
                    project = excluded.project, json = excluded.json, mod_rev = excluded.mod_rev,
                    lease = coalesce(excluded.lease, objects.lease)
                """,
                ("$t", ""), ("$i", ""), ("$p", null), ("$j", null), ("$r", 0L), ("$l", null));
            _delete = store.Command("DELETE FROM objects WHERE tbl = $t AND id = $i", ("$t", ""), ("$i", ""));
            _change = store.Command(
                "INSERT INTO changes(rev, seq, tbl, id, json) VALUES ($r, $s, $t, $i, $j)",
                ("$r", 0L), ("$s", 0), ("$t", ""), ("$i", ""), ("$j", null));
        }

        /// <summary>The object's modification revision, or null when it does not exist.</summary>
        public long? ModRevision(string table, string id) =>
            Run(_modRevision, table, id).ExecuteScalar() as long?;

        public void Upsert(string table, string id, string? project, byte[] json, long revision, long? lease)
        {
            var cmd = Run(_upsert, table, id);
            Set(cmd, "$p", project);
            Set(cmd, "$j", json);
            Set(cmd, "$r", revision);
            Set(cmd, "$l", lease);
            cmd.ExecuteNonQuery();
        }

        public void Delete(string table, string id) => Run(_delete, table, id).ExecuteNonQuery();

        /// <summary>One row of history: <paramref name="json"/> is null for a delete.</summary>
        public void RecordChange(long revision, int seq, string table, string id, byte[]? json)
        {
            var cmd = Run(_change, table, id);
            Set(cmd, "$r", revision);
            Set(cmd, "$s", seq);
            Set(cmd, "$j", json);
            cmd.ExecuteNonQuery();
        }

        public void Dispose()
        {
            _modRevision.Dispose();
            _upsert.Dispose();
            _delete.Dispose();
            _change.Dispose();
        }

        private static SqliteCommand Run(SqliteCommand cmd, string table, string id)
        {
            Set(cmd, "$t", table);
            Set(cmd, "$i", id);
            return cmd;
        }

        private static void Set(SqliteCommand cmd, string name, object? value) =>
            cmd.Parameters[name].Value = value ?? DBNull.Value;
    }
}
