using System.Text.Json;
using Wyvern.Ovsdb.Errors;

namespace Wyvern.Ovsdb.Rpc;

/// <summary>
/// Splits a byte stream into JSON-RPC messages. RFC 7047 §4 sends JSON texts back to back
/// with no delimiter (ovsdb-server writes none; some peers add newlines), so a message ends
/// where its top-level object closes. The scan resumes where the previous chunk stopped
/// (<see cref="JsonReaderState"/>), so a large message is scanned once however it is split.
/// </summary>
internal sealed class JsonStreamFramer
{
    private const int InitialBufferBytes = 64 * 1024;
    private byte[] _buffer = new byte[InitialBufferBytes];
    private int _start;      // first byte of the current (incomplete) message
    private int _end;        // end of valid data
    private int _scanned;    // bytes of the current message already scanned
    private JsonReaderState _state;
    private readonly int _maxMessageBytes;

    public JsonStreamFramer(int maxMessageBytes = 256 * 1024 * 1024)
    {
        _maxMessageBytes = maxMessageBytes;
    }

    /// <summary>Bytes the buffer holds now (it grows for a large message and shrinks after it).</summary>
    public int BufferCapacity => _buffer.Length;

    /// <summary>Space to read into; call <see cref="Advance"/> with the count read.</summary>
    public Memory<byte> GetWriteMemory()
    {
        if (_end == _buffer.Length)
        {
            var live = _end - _start;
            if (live > _maxMessageBytes)
            {
                throw new OvsdbProtocolException($"message larger than {_maxMessageBytes} bytes");
            }

            var target = live * 2 > _buffer.Length ? new byte[_buffer.Length * 2] : _buffer;
            Buffer.BlockCopy(_buffer, _start, target, 0, live);
            _buffer = target;
            _end = live;
            _start = 0;
        }

        return _buffer.AsMemory(_end);
    }

    /// <summary>Records that <paramref name="count"/> bytes were written.</summary>
    public void Advance(int count) => _end += count;

    /// <summary>Feeds bytes (for tests and scripted peers).</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var memory = GetWriteMemory().Span;
            var n = Math.Min(memory.Length, bytes.Length);
            bytes[..n].CopyTo(memory);
            Advance(n);
            bytes = bytes[n..];
        }
    }

    /// <summary>Returns the next complete message, or false if more bytes are needed. The bytes
    /// are the framer's own: they stay valid until the next call on the framer, so a message is
    /// read (once, by whoever consumes it) before the next one is asked for.</summary>
    public bool TryReadMessage(out ReadOnlyMemory<byte> message)
    {
        message = default;
        SkipWhitespaceBetweenMessages();
        if (_start == _end)
        {
            return false;
        }

        var unscanned = _buffer.AsSpan(_start + _scanned, _end - _start - _scanned);
        var reader = new Utf8JsonReader(unscanned, isFinalBlock: false, _state);
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth == 0 && reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    var length = _scanned + (int)reader.BytesConsumed;
                    message = _buffer.AsMemory(_start, length);
                    _start += length;
                    _scanned = 0;
                    _state = default;
                    return true;
                }

                if (reader.CurrentDepth == 0 && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
                {
                    throw new OvsdbProtocolException("a JSON-RPC message must be a JSON object");
                }
            }
        }
        catch (JsonException e)
        {
            throw new OvsdbProtocolException("malformed JSON from peer: " + e.Message, e);
        }

        _scanned += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
        return false;
    }

    private void SkipWhitespaceBetweenMessages()
    {
        if (_scanned != 0)
        {
            return;
        }

        while (_start < _end && _buffer[_start] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            _start++;
        }

        if (_start == _end)
        {
            _start = _end = 0;

            // A monitor's first snapshot of a big switch is megabytes; the buffer grew to hold
            // it whole. Give that memory back once it is consumed rather than keep it for the
            // connection's life (updates after it are a few kilobytes).
            if (_buffer.Length > InitialBufferBytes)
            {
                _buffer = new byte[InitialBufferBytes];
            }
        }
    }
}
