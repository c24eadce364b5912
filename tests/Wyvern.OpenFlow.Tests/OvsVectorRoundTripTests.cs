using System.Buffers;
using Wyvern.OpenFlow.Framing;
using Wyvern.OpenFlow.Messages;
using Wyvern.OpenFlow.Tests.Vectors;

namespace Wyvern.OpenFlow.Tests;

/// <summary>Every message ovs-ofctl encoded decodes, re-encodes to the same bytes, and frames at any split.</summary>
[Trait("Layer", "Unit")]
public sealed class OvsVectorRoundTripTests
{
    [Theory]
    [MemberData(nameof(OvsVectors.Indexes), MemberType = typeof(OvsVectors))]
    public void Decode_ThenEncode_GivesOvsBytes(int index)
    {
        var (label, bytes) = OvsVectors.Messages[index];

        var message = OfpMessageDecoder.Decode(bytes);

        Convert.ToHexString(message.ToArray()).ShouldBe(Convert.ToHexString(bytes), label);
    }

    [Theory]
    [MemberData(nameof(OvsVectors.Indexes), MemberType = typeof(OvsVectors))]
    public void Decode_IsStable_DecodeOfReencodeEqualsFirstDecode(int index)
    {
        var bytes = OvsVectors.Messages[index].Bytes;

        var first = OfpMessageDecoder.Decode(bytes);
        var second = OfpMessageDecoder.Decode(first.ToArray());

        second.ShouldBe(first);
        second.GetHashCode().ShouldBe(first.GetHashCode());
    }

    [Theory]
    [MemberData(nameof(OvsVectors.Indexes), MemberType = typeof(OvsVectors))]
    public void FrameReader_SplitAtEveryOffset_YieldsTheWholeMessage(int index)
    {
        var bytes = OvsVectors.Messages[index].Bytes;
        for (var split = 0; split <= bytes.Length; split++)
        {
            var frames = FrameAll(Segments.Split(bytes, split));
            frames.Count.ShouldBe(1, $"split at {split}");
            frames[0].ShouldBe(bytes);
        }
    }

    [Theory]
    [MemberData(nameof(OvsVectors.Indexes), MemberType = typeof(OvsVectors))]
    public void FrameReader_OneBytePerSegment_YieldsTheWholeMessage(int index)
    {
        var bytes = OvsVectors.Messages[index].Bytes;

        var frames = FrameAll(Segments.OneBytePerSegment(bytes));

        frames.Count.ShouldBe(1);
        frames[0].ShouldBe(bytes);
    }

    [Fact]
    public void FrameReader_AllVectorsBackToBack_FedByteByByte_YieldsEachInOrder()
    {
        var stream = OvsVectors.Messages.SelectMany(v => v.Bytes).ToArray();
        var reader = new OfpFrameReader();
        var pending = ReadOnlySequence<byte>.Empty;
        var received = new List<byte[]>();
        var buffer = new List<byte>();
        foreach (var b in stream)
        {
            buffer.Add(b);
            pending = new ReadOnlySequence<byte>(buffer.ToArray());
            while (reader.TryRead(ref pending, out var frame, out _, out _) == OfpFrameStatus.Frame)
            {
                received.Add(frame.ToArray());
            }

            buffer = [.. pending.ToArray()];
        }

        received.Count.ShouldBe(OvsVectors.Messages.Count);
        for (var i = 0; i < received.Count; i++)
        {
            received[i].ShouldBe(OvsVectors.Messages[i].Bytes);
        }
    }

    private static List<byte[]> FrameAll(ReadOnlySequence<byte> sequence)
    {
        var reader = new OfpFrameReader();
        var frames = new List<byte[]>();
        while (true)
        {
            var status = reader.TryRead(ref sequence, out var frame, out _, out var error);
            status.ShouldNotBe(OfpFrameStatus.Error, error.ToString());
            if (status == OfpFrameStatus.NeedMoreData)
            {
                sequence.Length.ShouldBe(0);
                return frames;
            }

            frames.Add(frame.ToArray());
        }
    }
}
