using System.Text;
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
    /// <remarks>Read straight from the reply's bytes: a select of every interface of a big switch
    /// is megabytes of JSON.</remarks>
    public static OvsdbTransactResult Parse(ReadOnlySpan<byte> result, IReadOnlyList<OvsdbOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var reader = new Utf8JsonReader(result);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new OvsdbProtocolException("transact result must be an array");
        }

        var results = new List<OvsdbOperationResult>(operations.Count);
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var one = ParseOne(ref reader, result);
            if (one.Error is { } error)
            {
                var failed = index < operations.Count ? operations[index] : null;
                throw new OvsdbTransactionException(
                    KindOf(error), error, one.Details, failed is null ? null : index, failed?.Op ?? "commit", failed?.Table);
            }

            if (index < operations.Count)
            {
                results.Add(one.Result);
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

    // One element of the result array: {"uuid": …} after an insert, {"count": n} after an
    // update, mutate or delete, {"rows": […]} after a select, {"error": …, "details": …} on failure,
    // and {} or null for the rest. The reader is on its first token and is left on its last.
    private static (OvsdbOperationResult Result, string? Error, string? Details) ParseOne(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return (new OvsdbOperationResult(null, null, []), null, null);
        }

        Guid? uuid = null;
        long? count = null;
        string? error = null;
        string? details = null;
        var rows = new List<OvsdbRow>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var member = reader.ValueTextEquals("uuid"u8) ? 1
                : reader.ValueTextEquals("count"u8) ? 2
                : reader.ValueTextEquals("rows"u8) ? 3
                : reader.ValueTextEquals("error"u8) ? 4
                : reader.ValueTextEquals("details"u8) ? 5
                : 0;
            reader.Read();
            switch (member)
            {
                case 1:
                    uuid = OvsdbJson.ReadAtom(ref reader) is { Kind: OvsdbAtomKind.Uuid } atom
                        ? atom.AsUuid
                        : throw new OvsdbProtocolException("insert result uuid must be [\"uuid\", …]");
                    break;
                case 2 when reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n):
                    count = n;
                    break;
                case 3 when reader.TokenType == JsonTokenType.StartArray:
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        rows.Add(OvsdbRow.Parse(Guid.Empty, ref reader));
                    }

                    break;
                case 4 when reader.TokenType == JsonTokenType.String:
                    error = reader.GetString();
                    break;
                case 4 when reader.TokenType != JsonTokenType.Null:
                    // Not the RFC's string: keep its text as the message.
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    error = Encoding.UTF8.GetString(json[start..(int)reader.BytesConsumed]);
                    break;
                case 5 when reader.TokenType == JsonTokenType.String:
                    details = reader.GetString();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return (new OvsdbOperationResult(uuid, count, rows), error, details);
    }
}
