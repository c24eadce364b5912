using Wyvern.Model;
using Wyvern.Northbound.Embedded;
using Wyvern.Northbound.Etcd;

using Wyvern.Testing.Etcd;

namespace Wyvern.Northbound.Tests;

[Trait("Layer", "Unit")]
public class NbStoreConnectionTests
{
    [Fact]
    public async Task Embedded_OpensADurableStoreAtThePath()
    {
        using var dir = new TempDirectory();
        await using (var store = NbStoreConnection.Open("embedded:" + dir.File("nb.db")))
        {
            store.ShouldBeOfType<EmbeddedNbStore>();
            await store.CreateAsync(Samples.Network("n1"));
        }
        await using var reopened = NbStoreConnection.Open("embedded:" + dir.File("nb.db"));
        (await reopened.GetAsync<LogicalSwitch>("n1")).ShouldNotBeNull();
    }

    [Fact]
    public async Task Etcd_TakesEndpointsInOrderAndAPrefix()
    {
        await using var store = NbStoreConnection.Open("etcd:http://127.0.0.1:2379, http://127.0.0.2:2379;prefix=/x");

        store.ShouldBeOfType<EtcdNbStore>().CurrentEndpoint.ShouldBe(new Uri("http://127.0.0.1:2379"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("embedded:")]
    [InlineData("etcd:")]
    [InlineData("etcd:127.0.0.1:2379")]
    [InlineData("etcd:http://127.0.0.1:2379;colour=blue")]
    [InlineData("sqlite:/tmp/x")]
    public void Malformed_IsAFormatException(string connection)
    {
        Should.Throw<FormatException>(() => NbStoreConnection.Open(connection));
    }
}
