using System.Buffers;
using System.Buffers.Binary;
using Wyvern.OpenFlow.Framing;
using Wyvern.OpenFlow.Messages;
using Wyvern.OpenFlow.Tests.Vectors;

namespace Wyvern.OpenFlow.Tests;

/// <summary>Truncated, oversized, wrong-version and inconsistent input gives a typed error, never another exception.</summary>
[Trait("Layer", "Unit")]
public sealed class DecodeErrorTests
{
    [Fact]
    public void FrameReader_WrongVersion_ReturnsWrongVersion()
    {
        var bytes = OvsVectors.Find("add-flow SW table=0,priority=100,in_port=1");
        bytes[0] = 0x01;

        Frame(bytes, new OfpFrameReader()).ShouldBe((OfpFrameStatus.Error, OfpDecodeError.WrongVersion));
    }

    [Fact]
    public void FrameReader_HelloOfAnotherVersion_IsAFrame()
    {
        byte[] hello = [0x06, 0x00, 0x00, 0x08, 0, 0, 0, 1];

        Frame(hello, new OfpFrameReader()).Status.ShouldBe(OfpFrameStatus.Frame);
        OfpMessageDecoder.Decode(hello).ShouldBeOfType<Hello>().Version.ShouldBe((byte)6);
    }

    [Fact]
    public void FrameReader_LengthBelowHeader_ReturnsBadLength()
    {
        byte[] bytes = [0x04, 0x02, 0x00, 0x07, 0, 0, 0, 1];

        Frame(bytes, new OfpFrameReader()).ShouldBe((OfpFrameStatus.Error, OfpDecodeError.BadLength));
    }

    [Fact]
    public void FrameReader_LengthAboveMaximum_ReturnsOversized()
    {
        byte[] bytes = [0x04, 0x0e, 0x08, 0x00, 0, 0, 0, 1];

        Frame(bytes, new OfpFrameReader(maxFrameLength: 1024)).ShouldBe((OfpFrameStatus.Error, OfpDecodeError.Oversized));
    }

    [Fact]
    public void FrameReader_PartialMessage_NeedsMoreDataAndConsumesNothing()
    {
        var bytes = OvsVectors.Find("learn(table=10");
        var sequence = new ReadOnlySequence<byte>(bytes[..^1]);

        new OfpFrameReader().TryRead(ref sequence, out _, out _, out _).ShouldBe(OfpFrameStatus.NeedMoreData);
        sequence.Length.ShouldBe(bytes.Length - 1);
    }

    [Fact]
    public void Decode_FrameShorterThanHeaderLength_ReturnsTruncated()
    {
        var bytes = OvsVectors.Find("learn(table=10");

        Should.Throw<OfpDecodeException>(() => OfpMessageDecoder.Decode(bytes.AsSpan(0, bytes.Length - 8))).Error.ShouldBe(OfpDecodeError.Truncated);
    }

    [Fact]
    public void Decode_FrameLongerThanHeaderLength_ReturnsBadLength()
    {
        byte[] bytes = [.. OvsVectors.Find("probe SW"), 0, 0];

        Should.Throw<OfpDecodeException>(() => OfpMessageDecoder.Decode(bytes)).Error.ShouldBe(OfpDecodeError.BadLength);
    }

    [Fact]
    public void Decode_TruncatedOxm_ReturnsError()
    {
        // in_port=1 flow: ofp_match at offset 48 says length 12; claim 20 so the OXM list overruns the body.
        var bytes = OvsVectors.Find("add-flow SW table=0,priority=100,in_port=1");
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(50), 200);

        Should.Throw<OfpDecodeException>(() => OfpMessageDecoder.Decode(bytes)).Error.ShouldBe(OfpDecodeError.Truncated);
    }

    [Fact]
    public void Decode_KnownFieldWithWrongWidth_ReturnsBadLength()
    {
        // in_port OXM header 0x80000004 → claim 2 bytes.
        var bytes = OvsVectors.Find("add-flow SW table=0,priority=100,in_port=1");
        bytes[55] = 0x02;
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(50), 10);

        Should.Throw<OfpDecodeException>(() => OfpMessageDecoder.Decode(bytes)).Error.ShouldBe(OfpDecodeError.BadLength);
    }

    [Fact]
    public void Decode_ActionLengthNotMultipleOfEight_ReturnsBadLength()
    {
        // goto_table flow; instruction at 64: type 1 len 8. Make it 12.
        var bytes = OvsVectors.Find("add-flow SW table=0,priority=100,in_port=1");
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(66), 12);

        Should.Throw<OfpDecodeException>(() => OfpMessageDecoder.Decode(bytes)).Error.ShouldBe(OfpDecodeError.BadLength);
    }

    [Fact]
    public void Decode_EveryTruncationOfEveryVector_ThrowsOnlyOfpDecodeException()
    {
        foreach (var (label, bytes) in OvsVectors.Messages)
        {
            for (var length = OfpHeader.Size; length < bytes.Length; length++)
            {
                var cut = bytes[..length];
                BinaryPrimitives.WriteUInt16BigEndian(cut.AsSpan(2), (ushort)length);
                DecodeOrTypedError(cut, $"{label} cut to {length}");
            }
        }
    }

    [Fact]
    public void Decode_EveryByteOfEveryVectorCorrupted_ThrowsOnlyOfpDecodeException()
    {
        foreach (var (label, bytes) in OvsVectors.Messages)
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                foreach (var flip in new byte[] { 0xff, 0x01, 0x80 })
                {
                    var corrupt = (byte[])bytes.Clone();
                    corrupt[i] ^= flip;
                    DecodeOrTypedError(corrupt, $"{label} byte {i} ^ {flip}");
                }
            }
        }
    }

    private static void DecodeOrTypedError(byte[] bytes, string what)
    {
        try
        {
            var message = OfpMessageDecoder.Decode(bytes);
            message.ToArray(); // whatever decodes must also encode
        }
        catch (OfpDecodeException)
        {
        }
        catch (Exception ex)
        {
            throw new ShouldAssertException($"{what}: {ex.GetType().Name}: {ex.Message}", ex);
        }
    }

    private static (OfpFrameStatus Status, OfpDecodeError Error) Frame(byte[] bytes, OfpFrameReader reader)
    {
        var sequence = new ReadOnlySequence<byte>(bytes);
        var status = reader.TryRead(ref sequence, out _, out _, out var error);
        return (status, error);
    }
}
