using System.Text.Json;
using Wyvern.Ovsdb.Errors;
using Wyvern.Ovsdb.Values;

namespace Wyvern.Ovsdb.Transactions;

/// <summary>The results of a committed transaction, one per operation, in request order.</summary>
public sealed record OvsdbTransactResult(IReadOnlyList<OvsdbOperationResult> Results)
{
    /// <summary>The result of operation <paramref name="index"/>.</summary>
    public OvsdbOperationResult this[int index] => Results[index];

    /// <summary>
    /// Reads a <c>transact</c> result (RFC 7047 §4.1.3): an array with one element per operation.
    /// The first element carrying <c>"error"</c> names the failed operation; an error element
    /// after the last operation is a commit failure. Either gives an <see cref="OvsdbTransactionException"/>.
    /// </summary>
    public static OvsdbTransactResult Parse(JsonElement result, IReadOnlyList<OvsdbOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (result.ValueKind != JsonValueKind.Array)
        {
            throw new OvsdbProtocolException("transact result must be an array");
        }

        var results = new List<OvsdbOperationResult>(operations.Count);
        var index = 0;
        foreach (var element in result.EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("error", out var error)
                && error.ValueKind != JsonValueKind.Null)
            {
                var text = error.ValueKind == JsonValueKind.String ? error.GetString()! : error.GetRawText();
                var details = element.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                var failed = index < operations.Count ? operations[index] : null;
                throw new OvsdbTransactionException(
                    KindOf(text), text, details, failed is null ? null : index, failed?.Op ?? "commit", failed?.Table);
            }

            if (index < operations.Count)
            {
                results.Add(ParseOne(element));
            }

            index++;
        }

        if (results.Count != operations.Count)
        {
            throw new OvsdbProtocolException($"transact returned {results.Count} results for {operations.Count} operations and no error");
        }

        return new OvsdbTransactResult(results);
    }

    /// <summary>Maps an RFC 7047 error string to its kind.</summary>
    public static OvsdbErrorKind KindOf(string error) => error switch
    {
        "referential integrity violation" => OvsdbErrorKind.ReferentialIntegrityViolation,
        "constraint violation" => OvsdbErrorKind.ConstraintViolation,
        "resources exhausted" => OvsdbErrorKind.ResourcesExhausted,
        "I/O error" => OvsdbErrorKind.IoError,
        "duplicate uuid-name" => OvsdbErrorKind.DuplicateUuidName,
        "domain error" => OvsdbErrorKind.DomainError,
        "range error" => OvsdbErrorKind.RangeError,
        "timed out" => OvsdbErrorKind.TimedOut,
        "not supported" => OvsdbErrorKind.NotSupported,
        "aborted" => OvsdbErrorKind.Aborted,
        "not owner" => OvsdbErrorKind.NotOwner,
        "syntax error or unknown column" or "syntax error" or "unknown column" => OvsdbErrorKind.SyntaxError,
        "permission error" => OvsdbErrorKind.PermissionError,
        _ => OvsdbErrorKind.Other,
    };

    private static OvsdbOperationResult ParseOne(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new OvsdbOperationResult(null, null, []);
        }

        Guid? uuid = element.TryGetProperty("uuid", out var u)
            ? OvsdbJson.ReadAtom(u) is { Kind: OvsdbAtomKind.Uuid } atom ? atom.AsUuid : throw new OvsdbProtocolException("insert result uuid must be [\"uuid\", …]")
            : null;
        long? count = element.TryGetProperty("count", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt64(out var n) ? n : null;
        var rows = new List<OvsdbRow>();
        if (element.TryGetProperty("rows", out var r) && r.ValueKind == JsonValueKind.Array)
        {
            foreach (var row in r.EnumerateArray())
            {
                rows.Add(OvsdbRow.Parse(Guid.Empty, row));
            }
        }

        return new OvsdbOperationResult(uuid, count, rows);
    }
}
