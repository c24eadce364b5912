using System.Text.Json;
using Wyvern.Ovsdb.Values;

namespace Wyvern.Ovsdb.Transactions;

/// <summary>
/// One operation of a <c>transact</c> request (RFC 7047 §5.2). Build with the static
/// factories; the operation is immutable and writes itself as its JSON object.
/// </summary>
public sealed class OvsdbOperation
{
    private readonly Action<Utf8JsonWriter> _writeMembers;

    private OvsdbOperation(string op, string? table, Action<Utf8JsonWriter> writeMembers)
    {
        Op = op;
        Table = table;
        _writeMembers = writeMembers;
    }

    /// <summary>The op name: "insert", "select", "update", "mutate", "delete", "wait", "commit", "abort", "comment", "assert".</summary>
    public string Op { get; }

    /// <summary>The table the operation works on, or null.</summary>
    public string? Table { get; }

    /// <summary>§5.2.1 insert. <paramref name="uuidName"/> lets later operations refer to the new row
    /// as <c>["named-uuid", name]</c>; the result carries the new row's uuid.</summary>
    public static OvsdbOperation Insert(string table, IReadOnlyDictionary<string, OvsdbValue> row, string? uuidName = null) =>
        new("insert", table, w =>
        {
            WriteRow(w, row);
            if (uuidName is not null)
            {
                w.WriteString("uuid-name", uuidName);
            }
        });

    /// <summary>§5.2.2 select: the rows matching <paramref name="where"/>, with <paramref name="columns"/> (all if null).</summary>
    public static OvsdbOperation Select(string table, IReadOnlyList<OvsdbCondition> where, IReadOnlyList<string>? columns = null) =>
        new("select", table, w =>
        {
            WriteWhere(w, where);
            WriteColumns(w, columns);
        });

    /// <summary>§5.2.3 update: sets <paramref name="row"/>'s columns in every matching row; the result counts them.</summary>
    public static OvsdbOperation Update(string table, IReadOnlyList<OvsdbCondition> where, IReadOnlyDictionary<string, OvsdbValue> row) =>
        new("update", table, w =>
        {
            WriteWhere(w, where);
            WriteRow(w, row);
        });

    /// <summary>§5.2.4 mutate: applies <paramref name="mutations"/> to every matching row.</summary>
    public static OvsdbOperation Mutate(string table, IReadOnlyList<OvsdbCondition> where, IReadOnlyList<OvsdbMutation> mutations) =>
        new("mutate", table, w =>
        {
            WriteWhere(w, where);
            w.WriteStartArray("mutations");
            foreach (var mutation in mutations)
            {
                mutation.WriteTo(w);
            }

            w.WriteEndArray();
        });

    /// <summary>§5.2.5 delete: deletes every matching row; the result counts them.</summary>
    public static OvsdbOperation Delete(string table, IReadOnlyList<OvsdbCondition> where) =>
        new("delete", table, w => WriteWhere(w, where));

    /// <summary>§5.2.6 wait: succeeds when the <paramref name="columns"/> of the rows matching
    /// <paramref name="where"/> equal (<paramref name="until"/> "==") or differ from ("!=") <paramref name="rows"/>;
    /// otherwise waits up to <paramref name="timeoutMs"/> (0 = fail at once) and fails with "timed out".</summary>
    public static OvsdbOperation Wait(
        string table,
        IReadOnlyList<OvsdbCondition> where,
        IReadOnlyList<string> columns,
        IReadOnlyList<IReadOnlyDictionary<string, OvsdbValue>> rows,
        string until = "==",
        long? timeoutMs = 0) =>
        new("wait", table, w =>
        {
            if (timeoutMs is { } timeout)
            {
                w.WriteNumber("timeout", timeout);
            }

            WriteWhere(w, where);
            WriteColumns(w, columns);
            w.WriteString("until", until);
            w.WriteStartArray("rows");
            foreach (var row in rows)
            {
                WriteRowObject(w, row);
            }

            w.WriteEndArray();
        });

    /// <summary>§5.2.7 commit: with <paramref name="durable"/>, the reply waits for the disk.</summary>
    public static OvsdbOperation Commit(bool durable) => new("commit", null, w => w.WriteBoolean("durable", durable));

    /// <summary>§5.2.8 abort: the transaction fails with "aborted".</summary>
    public static OvsdbOperation Abort() => new("abort", null, _ => { });

    /// <summary>§5.2.9 comment: logged with the transaction (ovs-vsctl shows it in <c>ovsdb-tool show-log</c>).</summary>
    public static OvsdbOperation Comment(string comment) => new("comment", null, w => w.WriteString("comment", comment));

    /// <summary>§5.2.10 assert: fails with "not owner" unless this session holds <paramref name="lockId"/>.</summary>
    public static OvsdbOperation Assert(string lockId) => new("assert", null, w => w.WriteString("lock", lockId));

    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("op", Op);
        if (Table is not null)
        {
            writer.WriteString("table", Table);
        }

        _writeMembers(writer);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public override string ToString() => Table is null ? Op : $"{Op} {Table}";

    private static void WriteRow(Utf8JsonWriter writer, IReadOnlyDictionary<string, OvsdbValue> row)
    {
        writer.WritePropertyName("row");
        WriteRowObject(writer, row);
    }

    private static void WriteRowObject(Utf8JsonWriter writer, IReadOnlyDictionary<string, OvsdbValue> row)
    {
        writer.WriteStartObject();
        foreach (var (column, value) in row)
        {
            writer.WritePropertyName(column);
            OvsdbJson.WriteValue(writer, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteWhere(Utf8JsonWriter writer, IReadOnlyList<OvsdbCondition> where)
    {
        writer.WriteStartArray("where");
        foreach (var condition in where)
        {
            condition.WriteTo(writer);
        }

        writer.WriteEndArray();
    }

    private static void WriteColumns(Utf8JsonWriter writer, IReadOnlyList<string>? columns)
    {
        if (columns is null)
        {
            return;
        }

        writer.WriteStartArray("columns");
        foreach (var column in columns)
        {
            writer.WriteStringValue(column);
        }

        writer.WriteEndArray();
    }
}
