using System.Buffers;

namespace Wyvern.OpenFlow.Tests;

/// <summary>Builds multi-segment sequences, as a pipe hands them to the frame reader.</summary>
public static class Segments
{
    public static ReadOnlySequence<byte> Split(byte[] bytes, int at) =>
        Build([bytes[..at], bytes[at..]]);

    public static ReadOnlySequence<byte> OneBytePerSegment(byte[] bytes) =>
        Build(bytes.Select(b => new[] { b }).ToArray());

    public static ReadOnlySequence<byte> Build(byte[][] parts)
    {
        var nonEmpty = parts.Where(p => p.Length > 0).ToArray();
        if (nonEmpty.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(nonEmpty[0], 0);
        var last = first;
        foreach (var part in nonEmpty.Skip(1))
        {
            last = last.Append(part);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
