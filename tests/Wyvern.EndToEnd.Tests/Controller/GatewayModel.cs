using System.Net;
using Wyvern.Model;
using Wyvern.Northbound;

namespace Wyvern.EndToEnd.Tests.Controller;

/// <summary>An external flat network on physnet1 (203.0.113.0/24, upstream gateway .1) and a router with its gateway on it (.10).</summary>
internal static class GatewayModel
{
    public const string UpstreamMac = "52:54:00:aa:00:01";
    public const string UpstreamCidr = "203.0.113.1/24";
    public const string RouterMac = "fa:16:3e:00:09:01";

    public static NbTransaction Build(params string[] gatewayChassis) => new NbTransaction()
        .Create(new LogicalSwitch { Id = "ext", Key = 1, External = true, NetworkType = NetworkType.Flat, PhysicalNetwork = "physnet1" })
        .Create(new Subnet { Id = "ext-sub", NetworkId = "ext", Cidr = IPNetwork.Parse("203.0.113.0/24"), GatewayIp = IPAddress.Parse("203.0.113.1"), EnableDhcp = false })
        .Create(new LogicalRouter
        {
            Id = "r1",
            Key = 1,
            ExternalGateway = new ExternalGateway
            {
                NetworkId = "ext",
                ExternalFixedIps = [new FixedIp("ext-sub", IPAddress.Parse("203.0.113.10"))],
                PortId = "gw-port",
                MacAddress = MacAddress.Parse(RouterMac),
            },
            GatewayChassis = ValueList.Of(gatewayChassis),
        });

    /// <summary>Polls the store until <paramref name="done"/> holds for the neighbour of the external subnet.</summary>
    public static async Task<Neighbour> WaitForNeighbourAsync(INbStore store, Func<Neighbour, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var n = await store.GetAsync<Neighbour>("ext-sub");
            if (n is not null && done(n))
            {
                return n;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the external gateway's neighbour record never became as expected (now {n})");
            }
            await Task.Delay(100);
        }
    }
}
