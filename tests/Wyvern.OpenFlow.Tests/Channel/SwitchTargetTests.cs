using System.Net;
using System.Net.Sockets;
using Wyvern.OpenFlow.Channel;

namespace Wyvern.OpenFlow.Tests.Channel;

/// <summary>The one parser of OpenFlow addresses, for connecting to a switch and for listening.</summary>
[Trait("Layer", "Unit")]
public sealed class SwitchTargetTests
{
    [Fact]
    public void UnixAndTcp_Parse_PortZeroOnlyForAListener()
    {
        SwitchConnector.ParseTarget("unix:/run/openvswitch/br-int.mgmt").ShouldBeOfType<UnixDomainSocketEndPoint>()
            .ToString().ShouldBe("/run/openvswitch/br-int.mgmt");
        SwitchConnector.ParseTarget("tcp:127.0.0.1:6653").ShouldBe(new IPEndPoint(IPAddress.Loopback, 6653));
        SwitchConnector.ParseTarget("tcp:127.0.0.1:0", anyPort: true).ShouldBe(new IPEndPoint(IPAddress.Loopback, 0));

        Should.Throw<FormatException>(() => SwitchConnector.ParseTarget("tcp:127.0.0.1:0"));
        Should.Throw<FormatException>(() => SwitchConnector.ParseTarget("unix:"));
        Should.Throw<FormatException>(() => SwitchConnector.ParseTarget("ssl:127.0.0.1:6653"));
        Should.Throw<FormatException>(() => SwitchConnector.ParseTarget("tcp:localhost:6653"));
    }
}
