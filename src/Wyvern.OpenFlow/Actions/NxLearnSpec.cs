using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Actions;

/// <summary>What a learn spec does with its source bits (nicira-ext.h NX_LEARN_DST_*).</summary>
public enum NxLearnDestination : byte
{
    /// <summary>Add a match criterion to the learned flow.</summary>
    Match = 0,

    /// <summary>Add a load action to the learned flow.</summary>
    Load = 1,

    /// <summary>Add an output action to the port held in the source field.</summary>
    Output = 2,
}

/// <summary>
/// One flow_mod_spec of a learn action. nicira-ext.h: header(2) = src_type(bit 13,
/// 0 field / 1 immediate) dst_type(bits 11-12) n_bits(bits 0-10); then the source
/// (field header(4) ofs(2), or the immediate value in 2*ceil(n_bits/16) bytes);
/// then, for match and load, the destination field header(4) ofs(2).
/// </summary>
public sealed record NxLearnSpec(
    NxLearnDestination Destination,
    int NBits,
    NxFieldRef? Source,
    ValueArray<byte> Immediate,
    NxFieldRef? Target)
{
    /// <summary>NXM_OF_ETH_DST[]=NXM_OF_ETH_SRC[]: the learned flow matches target = this packet's source.</summary>
    public static NxLearnSpec MatchField(NxFieldRef target, NxFieldRef source) => new(NxLearnDestination.Match, target.NBits, source, default, target);

    /// <summary>target=value: the learned flow matches a constant (big-endian bytes, 2*ceil(bits/16) long).</summary>
    public static NxLearnSpec MatchImmediate(NxFieldRef target, ValueArray<byte> value) => new(NxLearnDestination.Match, target.NBits, null, value, target);

    /// <summary>load:source->target in the learned flow.</summary>
    public static NxLearnSpec Load(NxFieldRef source, NxFieldRef target) => new(NxLearnDestination.Load, target.NBits, source, default, target);

    /// <summary>load:value->target in the learned flow.</summary>
    public static NxLearnSpec LoadImmediate(ValueArray<byte> value, NxFieldRef target) => new(NxLearnDestination.Load, target.NBits, null, value, target);

    /// <summary>output:source in the learned flow.</summary>
    public static NxLearnSpec Output(NxFieldRef source) => new(NxLearnDestination.Output, source.NBits, source, default, null);

    /// <summary>Bytes of an immediate value for <paramref name="nBits"/>.</summary>
    public static int ImmediateLength(int nBits) => 2 * ((nBits + 15) / 16);

    internal int EncodedLength =>
        2 + (Source is null ? ImmediateLength(NBits) : 6) + (Destination == NxLearnDestination.Output ? 0 : 6);

    internal void Write(ref SpanWriter writer)
    {
        writer.U16((ushort)((Source is null ? 1 << 13 : 0) | ((int)Destination << 11) | NBits));
        if (Source is { } source)
        {
            source.WriteHeaderOffset(ref writer);
        }
        else
        {
            var length = ImmediateLength(NBits);
            writer.Zeros(length - Immediate.Count);
            writer.Bytes(Immediate.Span);
        }

        if (Target is { } target)
        {
            target.WriteHeaderOffset(ref writer);
        }
    }

    internal static NxLearnSpec Read(ushort header, ref SpanReader body)
    {
        var nBits = header & 0x7ff;
        var immediate = (header & (1 << 13)) != 0;
        var destination = (NxLearnDestination)((header >> 11) & 3);
        if ((int)destination == 3 || nBits == 0)
        {
            throw new OfpDecodeException(OfpDecodeError.BadValue, $"learn spec header 0x{header:x4}");
        }

        NxFieldRef? source = null;
        ValueArray<byte> value = default;
        if (immediate)
        {
            value = ValueArray.Create(body.Bytes(ImmediateLength(nBits)));
        }
        else
        {
            var srcHeader = body.U32();
            source = NxFieldRef.FromHeader(srcHeader, body.U16(), nBits);
        }

        NxFieldRef? target = null;
        if (destination != NxLearnDestination.Output)
        {
            var dstHeader = body.U32();
            target = NxFieldRef.FromHeader(dstHeader, body.U16(), nBits);
        }

        return new NxLearnSpec(destination, nBits, source, value, target);
    }
}
