using System.Buffers.Binary;
using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Matching;

/// <summary>
/// A flow match: an ordered set of typed fields, at most one per field.
/// Invariants: fields are sorted in Open vSwitch's canonical order (so the
/// encoding equals ovs-ofctl's), no field occurs twice, and the hash is
/// computed once at construction, so equality and hashing are cheap enough
/// to key a desired-flow table by (table, priority, match).
/// </summary>
/// <remarks>
/// OF 1.3.5 §7.2.3.1 ofp_match: type(2)=OFPMT_OXM(1) length(2, header + OXMs, no padding)
/// oxm_fields(length-4) pad(to a multiple of 8).
/// <para>
/// Held as its OXM TLVs, exactly as they go on the wire (§7.2.3.2), rather than as an array
/// of <see cref="MatchField"/>: a desired-flow table holds ~130,000 matches at 10,000 ports,
/// and a typical one (in_port, metadata, a register, a MAC: 38 bytes of TLVs) takes 64 bytes
/// this way against 152 as four 32-byte fields. Encoding is a copy, equality compares bytes
/// (the TLVs of equal fields are equal, values being masked), and <see cref="Fields"/>
/// decodes as it is enumerated.
/// </para>
/// </remarks>
public readonly struct Match : IEquatable<Match>
{
    private readonly byte[]? _oxms;
    private readonly int _hash;
    private readonly int _count;

    private Match(ReadOnlySpan<MatchField> sorted)
    {
        var length = 0;
        foreach (var field in sorted)
        {
            length += field.EncodedLength;
        }

        var oxms = new byte[length];
        var writer = new SpanWriter(oxms);
        foreach (var field in sorted)
        {
            field.Write(ref writer);
        }

        var hash = new HashCode();
        hash.AddBytes(oxms);
        _oxms = oxms;
        _hash = hash.ToHashCode();
        _count = sorted.Length;
    }

    /// <summary>The match-everything match.</summary>
    public static Match Any => default;

    /// <summary>The fields in canonical order (decoded as they are enumerated).</summary>
    public FieldList Fields => new(_oxms);

    /// <summary>Number of fields.</summary>
    public int Count => _count;

    /// <summary>ofp_match length on the wire without padding (header + OXMs).</summary>
    public int UnpaddedLength => 4 + (_oxms?.Length ?? 0);

    /// <summary>ofp_match length on the wire, padded to 8.</summary>
    public int EncodedLength => Pad.To8(UnpaddedLength);

    /// <summary>Builds a match; the order of <paramref name="fields"/> does not matter. Throws on a duplicate field.</summary>
    public static Match Create(params ReadOnlySpan<MatchField> fields)
    {
        if (fields.IsEmpty)
        {
            return default;
        }

        var sorted = fields.ToArray();
        Array.Sort(sorted, Compare);
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Field == sorted[i - 1].Field)
            {
                throw new ArgumentException($"field {OxmFieldInfo.Name(sorted[i].Field)} given twice", nameof(fields));
            }
        }

        return WithoutWildcards(sorted);
    }

    public static bool operator ==(Match left, Match right) => left.Equals(right);

    public static bool operator !=(Match left, Match right) => !left.Equals(right);

    /// <summary>The field <paramref name="field"/>, if present.</summary>
    public bool TryGet(OxmField field, out MatchField value)
    {
        // Only the headers are read until the field is found.
        var reader = new SpanReader(_oxms);
        while (!reader.IsEmpty)
        {
            var header = BinaryPrimitives.ReadUInt32BigEndian(reader.Rest);
            if ((OxmField)(header & 0xffff_fe00) == field)
            {
                value = MatchField.Read(ref reader);
                return true;
            }

            reader.Skip(4 + (int)(header & 0xff));
        }

        value = default;
        return false;
    }

    /// <summary>True if the match has <paramref name="field"/>.</summary>
    public bool Contains(OxmField field) => TryGet(field, out _);

    /// <summary>A match with <paramref name="field"/> added or replaced.</summary>
    public Match With(MatchField field)
    {
        var list = new List<MatchField>(Count + 1);
        foreach (var existing in Fields)
        {
            if (existing.Field != field.Field)
            {
                list.Add(existing);
            }
        }

        list.Add(field);
        return Create(list.ToArray());
    }

    /// <summary>A match without <paramref name="field"/>.</summary>
    public Match Without(OxmField field)
    {
        var list = new List<MatchField>(Count);
        foreach (var existing in Fields)
        {
            if (existing.Field != field)
            {
                list.Add(existing);
            }
        }

        return Create(list.ToArray());
    }

    public bool Equals(Match other) => _hash == other._hash && _oxms.AsSpan().SequenceEqual(other._oxms);

    public override bool Equals(object? obj) => obj is Match other && Equals(other);

    public override int GetHashCode() => _hash;

    public override string ToString() => Count == 0 ? "any" : string.Join(",", Fields.ToArray());

    /// <summary>Writes the ofp_match structure with its padding.</summary>
    internal void Write(ref SpanWriter writer)
    {
        var start = writer.Position;
        writer.U16(1); // OFPMT_OXM
        writer.U16((ushort)UnpaddedLength);
        WriteOxms(ref writer);
        writer.PadTo8(start);
    }

    /// <summary>Writes the bare OXM list (no ofp_match header, no padding).</summary>
    internal void WriteOxms(ref SpanWriter writer) => writer.Bytes(_oxms);

    /// <summary>Reads an ofp_match with its padding.</summary>
    internal static Match Read(ref SpanReader reader)
    {
        var type = reader.U16();
        var length = reader.U16();
        if (type != 1)
        {
            throw new OfpDecodeException(OfpDecodeError.BadValue, $"ofp_match type {type} is not OFPMT_OXM");
        }

        if (length < 4)
        {
            throw new OfpDecodeException(OfpDecodeError.BadLength, $"ofp_match length {length} < 4");
        }

        var oxms = reader.Sub(length - 4);
        reader.Skip(Pad.To8(length) - length);
        return ReadOxms(ref oxms);
    }

    /// <summary>Reads OXM TLVs until the reader is empty.</summary>
    internal static Match ReadOxms(ref SpanReader reader)
    {
        if (reader.IsEmpty)
        {
            return default;
        }

        var fields = new List<MatchField>(8);
        while (!reader.IsEmpty)
        {
            fields.Add(MatchField.Read(ref reader));
        }

        var array = fields.ToArray();
        Array.Sort(array, Compare);
        for (var i = 1; i < array.Length; i++)
        {
            if (array[i].Field == array[i - 1].Field && !array[i].IsUnknown)
            {
                throw new OfpDecodeException(OfpDecodeError.BadValue, $"field {OxmFieldInfo.Name(array[i].Field)} occurs twice");
            }
        }

        return WithoutWildcards(array);
    }

    // A field whose mask is all zeros matches every packet (ipv4_src=0.0.0.0/0 from a rule's
    // remote prefix). Open vSwitch leaves such a field out of the flow it keeps and dumps, so the
    // canonical form leaves it out too; otherwise a desired flow and the switch's copy of it
    // differ, and every resync (a controller restart) deletes the flow and adds it again.
    private static Match WithoutWildcards(MatchField[] sorted)
    {
        if (Array.Exists(sorted, f => f.IsWildcard))
        {
            sorted = Array.FindAll(sorted, f => !f.IsWildcard);
        }

        return sorted.Length == 0 ? default : new Match(sorted);
    }

    /// <summary>The fields of a match, decoded from its TLVs as they are enumerated.</summary>
    public readonly struct FieldList(byte[]? oxms)
    {
        /// <summary>Enumerates the fields in canonical order.</summary>
        public Enumerator GetEnumerator() => new(oxms);

        /// <summary>The fields, decoded into an array.</summary>
        public MatchField[] ToArray()
        {
            var fields = new List<MatchField>(8);
            foreach (var field in this)
            {
                fields.Add(field);
            }

            return [.. fields];
        }

        /// <summary>Decodes one field per step.</summary>
        public struct Enumerator(byte[]? oxms)
        {
            private int _offset;

            /// <summary>The field last decoded.</summary>
            public MatchField Current { get; private set; }

            /// <summary>Decodes the next field; false at the end.</summary>
            public bool MoveNext()
            {
                if (oxms is null || _offset >= oxms.Length)
                {
                    return false;
                }

                var reader = new SpanReader(oxms.AsSpan(_offset));
                Current = MatchField.Read(ref reader);
                _offset += reader.Position;
                return true;
            }
        }
    }

    private static int Compare(MatchField a, MatchField b)
    {
        var byRank = OxmFieldInfo.Rank(a.Field).CompareTo(OxmFieldInfo.Rank(b.Field));
        return byRank != 0 ? byRank : ((uint)a.Field).CompareTo((uint)b.Field);
    }
}
