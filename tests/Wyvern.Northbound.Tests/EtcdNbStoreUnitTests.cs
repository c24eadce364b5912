using System.Diagnostics;
using System.Text;
using Wyvern.Model;
using Wyvern.Northbound.Etcd;

using Wyvern.Testing.Etcd;

namespace Wyvern.Northbound.Tests;

[Trait("Layer", "Unit")]
public class EtcdNbStoreUnitTests
{
    [Fact]
    public void RangeEnd_OfAPrefix_IsThePrefixWithItsLastByteIncremented()
    {
        Encoding.UTF8.GetString(EtcdNbStore.RangeEnd(Encoding.UTF8.GetBytes("/wy/o/"))).ShouldBe("/wy/o0");
    }

    [Fact]
    public async Task EveryEndpointDown_FailsWithUnavailableAfterTheRetryWindow()
    {
        var ports = EtcdMember.FreePorts(1)[0];
        await using var store = new EtcdNbStore(new EtcdNbStoreOptions
        {
            Endpoints = [new Uri($"http://127.0.0.1:{ports.Client}"), new Uri($"http://127.0.0.1:{ports.Peer}")],
            RetryWindow = TimeSpan.FromMilliseconds(500),
        });
        var clock = Stopwatch.StartNew();

        await Should.ThrowAsync<NbUnavailableException>(() => store.GetAsync<LogicalPort>("p1"));

        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(450));
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }
}
