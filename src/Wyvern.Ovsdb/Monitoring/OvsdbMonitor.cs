using System.Collections.Immutable;
using System.Text.Json;
using System.Threading.Channels;
using Wyvern.Ovsdb.Errors;
using Wyvern.Ovsdb.Schema;
using Wyvern.Ovsdb.Values;

namespace Wyvern.Ovsdb.Monitoring;

/// <summary>
/// A live replica of some tables of one database, kept by <c>monitor_cond</c>/<c>update2</c>
/// (or <c>monitor</c>/<c>update</c> on servers without it).
/// Invariants: <see cref="View"/> always equals the server's rows as of the last delivered
/// update; every change is delivered on <see cref="Updates"/> in server order, one batch per
/// notification; after a reconnect one <see cref="OvsdbMonitorUpdateKind.Resync"/> batch turns
/// the old view into the server's fresh snapshot. Updates are applied on the connection's
/// read loop only, so they never race.
/// </summary>
public sealed class OvsdbMonitor : IAsyncDisposable
{
    private readonly OvsdbClient? _client;
    private readonly Channel<OvsdbMonitorUpdate> _updates =
        Channel.CreateUnbounded<OvsdbMonitorUpdate>(new UnboundedChannelOptions { SingleWriter = true });
    private OvsdbSchema? _schema;
    private volatile OvsdbDatabaseView _view = OvsdbDatabaseView.Empty;
    private bool _established;

    internal OvsdbMonitor(OvsdbClient? client, string id, string database, IReadOnlyList<OvsdbMonitorRequest> requests)
    {
        _client = client;
        Id = id;
        Database = database;
        Requests = requests;
    }

    /// <summary>The monitor's id (the <c>&lt;json-value&gt;</c> of the request).</summary>
    public string Id { get; }

    /// <summary>The database monitored.</summary>
    public string Database { get; }

    /// <summary>What is monitored.</summary>
    public IReadOnlyList<OvsdbMonitorRequest> Requests { get; }

    /// <summary>The rows as of the last delivered update.</summary>
    public OvsdbDatabaseView View => _view;

    /// <summary>Every batch of changes, starting with the initial snapshot. Read it: batches queue
    /// until they are read.</summary>
    public ChannelReader<OvsdbMonitorUpdate> Updates => _updates.Reader;

    /// <summary>Sends <c>monitor_cancel</c> (if connected) and completes <see cref="Updates"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.CancelMonitorAsync(this);
        }

        _updates.Writer.TryComplete();
    }

    internal void WriteParams(Utf8JsonWriter writer, bool conditional, OvsdbSchema schema)
    {
        writer.WriteStartArray();
        writer.WriteStringValue(Database);
        writer.WriteStringValue(Id);
        writer.WriteStartObject();
        foreach (var request in Requests)
        {
            writer.WriteStartArray(request.Table);
            writer.WriteStartObject();
            writer.WriteStartArray("columns");
            foreach (var column in ColumnsOf(request, schema))
            {
                writer.WriteStringValue(column);
            }

            writer.WriteEndArray();
            if (conditional && request.Where is { Count: > 0 } where)
            {
                writer.WriteStartArray("where");
                foreach (var condition in where)
                {
                    condition.WriteTo(writer);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    /// <summary>Applies the reply to <c>monitor_cond</c>/<c>monitor</c>: the first snapshot, or
    /// after a reconnect the fresh snapshot diffed against the old view.</summary>
    internal void ApplySnapshot(ReadOnlySpan<byte> tableUpdates, bool version2, OvsdbSchema schema)
    {
        _schema = schema;
        var builder = Requests.ToImmutableDictionary(
            r => r.Table, _ => ImmutableDictionary<Guid, OvsdbRow>.Empty, StringComparer.Ordinal).ToBuilder();
        var fresh = new OvsdbDatabaseView(builder.ToImmutable());
        var scratch = new Dictionary<(string, Guid), OvsdbRow?>();
        fresh = Apply(fresh, tableUpdates, version2, scratch);
        var old = _view;
        _view = fresh;
        if (_established)
        {
            Publish(OvsdbMonitorUpdateKind.Resync, old.DiffTo(fresh), fresh);
        }
        else
        {
            _established = true;
            Publish(OvsdbMonitorUpdateKind.Initial, OvsdbDatabaseView.Empty.DiffTo(fresh), fresh);
        }
    }

    /// <summary>Applies an <c>update2</c> or <c>update</c> notification's table-updates.</summary>
    internal void ApplyNotification(ReadOnlySpan<byte> tableUpdates, bool version2)
    {
        var before = new Dictionary<(string, Guid), OvsdbRow?>();
        var next = Apply(_view, tableUpdates, version2, before);
        _view = next;
        var changes = new List<OvsdbRowChange>(before.Count);
        foreach (var ((table, uuid), old) in before)
        {
            var now = next.Row(table, uuid);
            if (!Equals(old, now))
            {
                changes.Add(new OvsdbRowChange(table, uuid, old, now));
            }
        }

        if (changes.Count > 0)
        {
            Publish(OvsdbMonitorUpdateKind.Update, changes, next);
        }
    }

    private void Publish(OvsdbMonitorUpdateKind kind, IReadOnlyList<OvsdbRowChange> changes, OvsdbDatabaseView view) =>
        _updates.Writer.TryWrite(new OvsdbMonitorUpdate(kind, changes, view));

    // Read straight from the received bytes, row by row: a snapshot of a big switch is megabytes
    // of JSON, and a document built over it would cost several times that again (its index of
    // every token, in arrays the shared pool then keeps).
    private OvsdbDatabaseView Apply(
        OvsdbDatabaseView view, ReadOnlySpan<byte> tableUpdates, bool version2, Dictionary<(string, Guid), OvsdbRow?> before)
    {
        var reader = new Utf8JsonReader(tableUpdates);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new OvsdbProtocolException("table-updates must be an object");
        }

        var tables = view.Tables.ToBuilder();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var table = reader.GetString()!;
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new OvsdbProtocolException($"table-update for {table} must be an object");
            }

            var tableSchema = _schema?.Table(table);
            var columns = Requests.FirstOrDefault(r => r.Table == table) is { } request && tableSchema is not null
                ? ColumnsOf(request, _schema!)
                : null;
            var rows = (tables.GetValueOrDefault(table) ?? ImmutableDictionary<Guid, OvsdbRow>.Empty).ToBuilder();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var uuid = OvsdbJson.ReadUuidText(ref reader);
                var old = rows.GetValueOrDefault(uuid);
                before.TryAdd((table, uuid), old);
                reader.Read();
                var next = version2
                    ? ApplyRowUpdate2(uuid, old, ref reader, tableSchema, columns)
                    : ApplyRowUpdate(uuid, ref reader, tableSchema, columns);
                if (next is null)
                {
                    rows.Remove(uuid);
                }
                else
                {
                    rows[uuid] = next;
                }
            }

            tables[table] = rows.ToImmutable();
        }

        return new OvsdbDatabaseView(tables.ToImmutable());
    }

    // ovsdb-server(7) §4.1.14 <row-update2>: exactly one of initial, insert, delete, modify.
    // The reader is on the row-update's "{" and is left on its "}".
    private static OvsdbRow? ApplyRowUpdate2(
        Guid uuid, OvsdbRow? old, ref Utf8JsonReader reader, OvsdbTableSchema? schema, IReadOnlyList<string>? columns)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new OvsdbProtocolException("row-update2 must be an object");
        }

        var seen = false;
        OvsdbRow? result = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var initial = reader.ValueTextEquals("initial"u8) || reader.ValueTextEquals("insert"u8);
            var delete = !initial && reader.ValueTextEquals("delete"u8);
            var modify = !initial && !delete && reader.ValueTextEquals("modify"u8);
            reader.Read();
            if (seen || !(initial || delete || modify))
            {
                reader.Skip();
                continue;
            }

            seen = true;
            if (initial)
            {
                result = OvsdbRow.Parse(uuid, ref reader, schema, columns);
            }
            else if (delete)
            {
                reader.Skip();
            }
            else
            {
                result = ApplyModify(uuid, old, ref reader, schema);
            }
        }

        return seen ? result : throw new OvsdbProtocolException($"row-update2 for {uuid} has none of initial/insert/delete/modify");
    }

    private static OvsdbRow ApplyModify(Guid uuid, OvsdbRow? old, ref Utf8JsonReader reader, OvsdbTableSchema? schema)
    {
        if (old is null)
        {
            throw new OvsdbProtocolException($"modify for unknown row {uuid}");
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new OvsdbProtocolException($"modify for row {uuid} must be an object");
        }

        var changed = new List<KeyValuePair<string, OvsdbValue>>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var column = reader.GetString()!;
            reader.Read();
            changed.Add(KeyValuePair.Create(column, ColumnDiff.Apply(
                old[column], OvsdbJson.ReadValue(ref reader), schema?.Column(column)?.Type)));
        }

        return old.With(changed);
    }

    // RFC 7047 §4.1.6 <row-update>: "old" and/or "new"; "new" holds every monitored column.
    private static OvsdbRow? ApplyRowUpdate(Guid uuid, ref Utf8JsonReader reader, OvsdbTableSchema? schema, IReadOnlyList<string>? columns)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new OvsdbProtocolException("row-update must be an object");
        }

        OvsdbRow? result = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isNew = reader.ValueTextEquals("new"u8);
            reader.Read();
            if (isNew && reader.TokenType == JsonTokenType.StartObject)
            {
                result = OvsdbRow.Parse(uuid, ref reader, schema, columns);
            }
            else
            {
                reader.Skip();
            }
        }

        return result;
    }

    private static IReadOnlyList<string> ColumnsOf(OvsdbMonitorRequest request, OvsdbSchema schema) =>
        request.Columns
        ?? schema.Table(request.Table)?.Columns.Keys.Order(StringComparer.Ordinal).ToArray()
        ?? throw new OvsdbException($"table {request.Table} is not in the {schema.Name} schema");
}
