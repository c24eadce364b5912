using System.Buffers.Text;
using System.Text.Json;
using Wyvern.Ovsdb.Errors;

namespace Wyvern.Ovsdb.Rpc;

/// <summary>
/// Where the members of one JSON-RPC 1.0 message (RFC 7047 §4) are in its bytes. Only the
/// envelope is read here; <c>params</c> and <c>result</c> stay bytes for whoever consumes them
/// to read once, so a monitor's multi-megabyte snapshot is never held as a document.
/// </summary>
internal readonly record struct JsonRpcMessage(string? Method, Range? Id, Range? Params, Range? Result, Range? Error)
{
    /// <summary>The JSON text <c>null</c>, for a member that is absent.</summary>
    public static ReadOnlySpan<byte> Null => "null"u8;

    /// <summary>Locates the members of <paramref name="message"/>, a complete JSON text.</summary>
    public static JsonRpcMessage Locate(ReadOnlySpan<byte> message)
    {
        var reader = new Utf8JsonReader(message);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new OvsdbProtocolException("a JSON-RPC message must be an object");
        }

        string? method = null;
        Range? id = null, parameters = null, result = null, error = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var member = reader.ValueTextEquals("method"u8) ? 1
                : reader.ValueTextEquals("id"u8) ? 2
                : reader.ValueTextEquals("params"u8) ? 3
                : reader.ValueTextEquals("result"u8) ? 4
                : reader.ValueTextEquals("error"u8) ? 5
                : 0;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            if (member == 1 && reader.TokenType == JsonTokenType.String)
            {
                method = reader.GetString();
            }

            reader.Skip();
            var range = start..(int)reader.BytesConsumed;
            switch (member)
            {
                case 2: id = range; break;
                case 3: parameters = range; break;
                case 4: result = range; break;
                case 5: error = range; break;
            }
        }

        return new JsonRpcMessage(method, id, parameters, result, error);
    }

    /// <summary>The member's JSON text, or <c>null</c> if the message lacks it.</summary>
    public static ReadOnlySpan<byte> Member(ReadOnlySpan<byte> message, Range? member) =>
        member is { } range ? message[range] : Null;

    /// <summary>True if the JSON text is <c>null</c>.</summary>
    public static bool IsNull(ReadOnlySpan<byte> json) => json.SequenceEqual(Null);

    /// <summary>A request id we sent (an integer), or false for anything else.</summary>
    public static bool TryReadCallId(ReadOnlySpan<byte> json, out long id) =>
        Utf8Parser.TryParse(json, out id, out var consumed) && consumed == json.Length;

    /// <summary>A small JSON text as an element that owns its bytes (nothing pooled, no dispose).</summary>
    public static JsonElement ToElement(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        return JsonElement.ParseValue(ref reader);
    }
}
