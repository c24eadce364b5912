using System.Text;
using Wyvern.Ovsdb.Errors;
using Wyvern.Ovsdb.Rpc;

namespace Wyvern.Ovsdb.Tests.Unit;

[Trait("Layer", "Unit")]
public sealed class JsonStreamFramerTests
{
    // Two messages back to back without a delimiter, as ovsdb-server writes them, then one
    // after a newline; strings containing braces must not confuse the framing.
    private const string Stream =
        """{"id":1,"result":["a}b","{"],"error":null}{"method":"update2","params":["m",{"T":{}}],"id":null}""" + "\n" +
        """{"id":"echo","method":"echo","params":[]}""";

    private static readonly string[] Expected =
    [
        """{"id":1,"result":["a}b","{"],"error":null}""",
        """{"method":"update2","params":["m",{"T":{}}],"id":null}""",
        """{"id":"echo","method":"echo","params":[]}""",
    ];

    [Fact]
    public void WholeStream_GivesEachMessage()
    {
        Feed([Encoding.UTF8.GetBytes(Stream)]).ShouldBe(Expected);
    }

    [Fact]
    public void SplitAtEveryOffset_GivesTheSameMessages()
    {
        var bytes = Encoding.UTF8.GetBytes(Stream);
        for (var i = 1; i < bytes.Length; i++)
        {
            Feed([bytes[..i], bytes[i..]]).ShouldBe(Expected, false, $"split at {i}");
        }
    }

    [Fact]
    public void OneByteAtATime_GivesTheSameMessages()
    {
        Feed([.. Encoding.UTF8.GetBytes(Stream).Select(b => new[] { b })]).ShouldBe(Expected);
    }

    [Fact]
    public void MessageLargerThanTheBuffer_IsReassembled()
    {
        var big = "{\"id\":1,\"result\":\"" + new string('x', 300_000) + "\",\"error\":null}";
        var bytes = Encoding.UTF8.GetBytes(big);
        Feed([.. bytes.Chunk(7000)]).ShouldBe([big]);
    }

    [Theory]
    [InlineData("{\"id\":1,]")]
    [InlineData("42 ")]
    [InlineData("\"text\"")]
    public void Garbage_IsAProtocolError(string garbage)
    {
        Should.Throw<OvsdbProtocolException>(() => Feed([Encoding.UTF8.GetBytes(garbage)]));
    }

    [Fact]
    public void IncompleteMessage_WaitsForMore()
    {
        var framer = new JsonStreamFramer();
        framer.Write("{\"id\":1,\"res"u8);
        framer.TryReadMessage(out var none).ShouldBeFalse();
        none.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void ABigMessage_GrowsTheBuffer_WhichShrinksOnceItIsRead()
    {
        var framer = new JsonStreamFramer();
        var big = "{\"id\":1,\"result\":\"" + new string('x', 1_000_000) + "\"}";
        framer.Write(Encoding.UTF8.GetBytes(big + "{\"id\":2}"));
        framer.BufferCapacity.ShouldBeGreaterThan(1_000_000);
        framer.TryReadMessage(out var first).ShouldBeTrue();
        first.Length.ShouldBe(big.Length);
        framer.TryReadMessage(out var second).ShouldBeTrue();
        Encoding.UTF8.GetString(second.Span).ShouldBe("{\"id\":2}");
        framer.TryReadMessage(out _).ShouldBeFalse();
        framer.BufferCapacity.ShouldBe(64 * 1024);
        framer.Write("{\"id\":3}"u8);
        framer.TryReadMessage(out var third).ShouldBeTrue();
        Encoding.UTF8.GetString(third.Span).ShouldBe("{\"id\":3}");
    }

    private static List<string> Feed(IEnumerable<byte[]> chunks)
    {
        var framer = new JsonStreamFramer();
        var messages = new List<string>();
        foreach (var chunk in chunks)
        {
            framer.Write(chunk);
            while (framer.TryReadMessage(out var message))
            {
                messages.Add(Encoding.UTF8.GetString(message.Span));
            }
        }

        return messages;
    }
}
