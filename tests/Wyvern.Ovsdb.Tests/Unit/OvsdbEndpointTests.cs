using System.Net;
using Wyvern.Ovsdb.Rpc;

namespace Wyvern.Ovsdb.Tests.Unit;

[Trait("Layer", "Unit")]
public sealed class OvsdbEndpointTests
{
    [Fact]
    public void Parse_UnixAndTcp()
    {
        OvsdbEndpoint.Parse("unix:/tmp/wy-x/db.sock").IsUnix.ShouldBeTrue();
        var tcp = OvsdbEndpoint.Parse("tcp:127.0.0.1:6640");
        tcp.EndPoint.ShouldBe(new IPEndPoint(IPAddress.Loopback, 6640));
        OvsdbEndpoint.Parse("tcp:[::1]:6640").EndPoint.ShouldBe(new IPEndPoint(IPAddress.IPv6Loopback, 6640));
        tcp.ToString().ShouldBe("tcp:127.0.0.1:6640");
    }

    [Theory]
    [InlineData("ssl:127.0.0.1:6640")]
    [InlineData("tcp:localhost:6640")]
    [InlineData("tcp:127.0.0.1")]
    [InlineData("tcp:127.0.0.1:99999")]
    [InlineData("unix:")]
    public void Parse_Rejects(string text) => Should.Throw<FormatException>(() => OvsdbEndpoint.Parse(text));
}
