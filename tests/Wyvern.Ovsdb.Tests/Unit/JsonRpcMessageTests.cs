using System.Text;
using Wyvern.Ovsdb.Errors;
using Wyvern.Ovsdb.Rpc;

namespace Wyvern.Ovsdb.Tests.Unit;

[Trait("Layer", "Unit")]
public sealed class JsonRpcMessageTests
{
    [Fact]
    public void Reply_LocatesEachMemberAsItsRawText()
    {
        var json = Bytes("""{"id":42,"result":[{"rows":[{"name":"a}b"}]}],"error":null}""");
        var message = JsonRpcMessage.Locate(json);
        message.Method.ShouldBeNull();
        Text(json, message.Id).ShouldBe("42");
        Text(json, message.Result).ShouldBe("""[{"rows":[{"name":"a}b"}]}]""");
        JsonRpcMessage.IsNull(JsonRpcMessage.Member(json, message.Error)).ShouldBeTrue();
        JsonRpcMessage.TryReadCallId(JsonRpcMessage.Member(json, message.Id), out var id).ShouldBeTrue();
        id.ShouldBe(42);
    }

    [Fact]
    public void Notification_HasAMethodAndParams_AndANullId()
    {
        var json = Bytes("""{"method":"update2","params":["m",{"T":{}}],"id":null}""");
        var message = JsonRpcMessage.Locate(json);
        message.Method.ShouldBe("update2");
        Text(json, message.Params).ShouldBe("""["m",{"T":{}}]""");
        JsonRpcMessage.IsNull(JsonRpcMessage.Member(json, message.Id)).ShouldBeTrue();
        message.Result.ShouldBeNull();
    }

    [Fact]
    public void AbsentMember_ReadsAsNull()
    {
        var json = Bytes("""{"method":"echo"}""");
        var message = JsonRpcMessage.Locate(json);
        JsonRpcMessage.IsNull(JsonRpcMessage.Member(json, message.Params)).ShouldBeTrue();
        JsonRpcMessage.IsNull(JsonRpcMessage.Member(json, message.Id)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("\"echo\"")]
    [InlineData("4.5")]
    [InlineData("-")]
    public void AnIdWeDidNotSend_IsNotACallId(string id)
    {
        JsonRpcMessage.TryReadCallId(Bytes(id), out _).ShouldBeFalse();
    }

    [Fact]
    public void NotAnObject_IsAProtocolError()
    {
        Should.Throw<OvsdbProtocolException>(() => JsonRpcMessage.Locate(Bytes("[1,2]")));
    }

    [Fact]
    public void ToElement_OwnsItsBytes()
    {
        var json = Bytes("""{"error":"unknown database"}""");
        var element = JsonRpcMessage.ToElement(json);
        Array.Clear(json);
        element.GetProperty("error").GetString().ShouldBe("unknown database");
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[] json, Range? member) => Encoding.UTF8.GetString(JsonRpcMessage.Member(json, member));
}
