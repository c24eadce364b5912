using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Wyvern.Model;

namespace Wyvern.Northbound.Embedded;

/// <summary>
/// The default northbound store: one SQLite database in WAL mode, in process.
/// <para>Invariants: all access to the connection happens under <see cref="_lock"/>; every
/// commit is one SQLite transaction that writes the objects, one <c>changes</c> row per
/// operation at the new revision, and the revision counter, so a crash leaves either all
/// of it or none (no torn object, no change without its object). Watchers are fed from the
/// <c>changes</c> table for history and, once registered under the same lock, from commits
/// in memory, so no change is missed or delivered twice.</para>
/// </summary>
public sealed partial class EmbeddedNbStore : NbStoreBase
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly SqliteConnection _db;
    private readonly EmbeddedNbStoreOptions _options;
    private readonly List<Channel<NbWatchEvent>> _watchers = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _leaseLoop;
    private long _revision;
    private long _compacted;
    private bool _disposed;

    private readonly FileStream _ownerLock;

    private EmbeddedNbStore(SqliteConnection db, FileStream ownerLock, EmbeddedNbStoreOptions options)
    {
        _db = db;
        _ownerLock = ownerLock;
        _options = options;
        _revision = ReadMeta("revision");
        _compacted = ReadMeta("compacted");
        LoadLeases();
        _leaseLoop = Task.Run(ExpireLeasesLoopAsync);
    }

    /// <summary>The path of the database file.</summary>
    public string Path => _db.DataSource;

    /// <summary>
    /// Opens (creating if needed) the store in the database file <paramref name="path"/>. One owner at a
    /// time: the revision counter and the watchers live in this process, so a second open of the same
    /// file (here or in another process) fails with <see cref="NbUnavailableException"/>.
    /// </summary>
    public static EmbeddedNbStore Open(string path, EmbeddedNbStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new EmbeddedNbStoreOptions();
        var ownerLock = TakeOwnership(path);
        try
        {
            return new EmbeddedNbStore(OpenDatabase(path, options), ownerLock, options);
        }
        catch
        {
            ownerLock.Dispose();
            throw;
        }
    }

    /// <summary>An exclusive lock (flock) on <c>path.lock</c>, released by the kernel even on kill -9.</summary>
    private static FileStream TakeOwnership(string path)
    {
        try
        {
            return new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new NbUnavailableException($"the embedded NB store {path} is already open (in this or another process)", e);
        }
    }

    private static SqliteConnection OpenDatabase(string path, EmbeddedNbStoreOptions options)
    {
        var db = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        db.Open();
        Execute(db, $"""
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous={(options.SyncEveryCommit ? "FULL" : "NORMAL")};
            PRAGMA busy_timeout=5000;
            CREATE TABLE IF NOT EXISTS objects(
                tbl TEXT NOT NULL, id TEXT NOT NULL, project TEXT, json BLOB NOT NULL,
                mod_rev INTEGER NOT NULL, lease INTEGER, PRIMARY KEY (tbl, id)) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS objects_by_project ON objects(tbl, project);
            CREATE INDEX IF NOT EXISTS objects_by_lease ON objects(lease) WHERE lease IS NOT NULL;
            CREATE TABLE IF NOT EXISTS changes(
                rev INTEGER NOT NULL, seq INTEGER NOT NULL, tbl TEXT NOT NULL, id TEXT NOT NULL,
                json BLOB, PRIMARY KEY (rev, seq)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS meta(name TEXT PRIMARY KEY, value INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS key_spaces(space TEXT PRIMARY KEY, next INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS leases(id INTEGER PRIMARY KEY, ttl_ms INTEGER NOT NULL);
            """);
        return db;
    }

    /// <summary>The current store revision.</summary>
    public long Revision => Interlocked.Read(ref _revision);

    /// <inheritdoc/>
    protected override async Task<NbObject?> GetObjectAsync(string table, string id, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var cmd = Command("SELECT json, mod_rev FROM objects WHERE tbl = $t AND id = $i", ("$t", table), ("$i", id));
            using var reader = cmd.ExecuteReader();
            return reader.Read() ? NbCodec.Decode(table, (byte[])reader[0], reader.GetInt64(1)) : null;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc/>
    protected override async Task<IReadOnlyList<NbObject>> ListObjectsAsync(
        string table, string? projectId, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var cmd = projectId is null
                ? Command("SELECT json, mod_rev FROM objects WHERE tbl = $t ORDER BY id", ("$t", table))
                : Command("SELECT json, mod_rev FROM objects WHERE tbl = $t AND project = $p ORDER BY id", ("$t", table), ("$p", projectId));
            using var reader = cmd.ExecuteReader();
            var result = new List<NbObject>();
            while (reader.Read())
            {
                result.Add(NbCodec.Decode(table, (byte[])reader[0], reader.GetInt64(1)));
            }
            return result;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc/>
    public override async Task<NbSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default)
    {
        long revision;
        List<(string Table, byte[] Json, long Version)> rows;
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            (revision, rows) = ReadAllRows();
        }
        finally
        {
            _lock.Release();
        }
        // decoding is most of the cost of a cold start: do it without blocking writers
        return new NbSnapshot(revision, [.. rows.Select(r => NbCodec.Decode(r.Table, r.Json, r.Version))]);
    }

    /// <summary>All objects at the current revision; caller holds the lock.</summary>
    private NbSnapshot ReadSnapshot()
    {
        var (revision, rows) = ReadAllRows();
        return new NbSnapshot(revision, [.. rows.Select(r => NbCodec.Decode(r.Table, r.Json, r.Version))]);
    }

    /// <summary>Every stored row and the revision they are at; caller holds the lock.</summary>
    private (long Revision, List<(string Table, byte[] Json, long Version)> Rows) ReadAllRows()
    {
        using var cmd = Command("SELECT tbl, json, mod_rev FROM objects ORDER BY tbl, id");
        using var reader = cmd.ExecuteReader();
        var rows = new List<(string, byte[], long)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), (byte[])reader[1], reader.GetInt64(2)));
        }
        return (_revision, rows);
    }

    /// <inheritdoc/>
    public override async Task<int> AllocateKeyAsync(string keySpace, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(keySpace);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var cmd = Command(
                """
                INSERT INTO key_spaces(space, next) VALUES ($s, 2)
                ON CONFLICT(space) DO UPDATE SET next = next + 1
                RETURNING next - 1
                """,
                ("$s", keySpace));
            return checked((int)(long)cmd.ExecuteScalar()!);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc/>
    protected override async ValueTask DisposeAsyncCore()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _leaseLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // the loop ends by cancellation
        }
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            lock (_watchers)
            {
                foreach (var watcher in _watchers)
                {
                    watcher.Writer.TryComplete();
                }
                _watchers.Clear();
            }
            await _db.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
        await _ownerLock.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private long ReadMeta(string name)
    {
        using var cmd = Command("SELECT value FROM meta WHERE name = $n", ("$n", name));
        return cmd.ExecuteScalar() is long value ? value : 0;
    }

    private void WriteMeta(string name, long value)
    {
        using var cmd = Command(
            "INSERT INTO meta(name, value) VALUES ($n, $v) ON CONFLICT(name) DO UPDATE SET value = $v",
            ("$n", name), ("$v", value));
        cmd.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return cmd;
    }

    private static void Execute(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
