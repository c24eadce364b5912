using System.Net;
using Wyvern.Model;
using Wyvern.Northbound;

namespace Wyvern.Neutron.Tests;

/// <summary>The API's read cache follows writes made by others (the controller) and never loses one.</summary>
[Trait("Layer", "Unit")]
public sealed class ReadCacheTests
{
    [Fact]
    public async Task ExternalWrite_BecomesVisible_AndAnApiUpdateRightAfterItKeepsIt()
    {
        await using var host = await NeutronHost.StartAsync();
        var net = NeutronHost.Id(await host.NetworkAsync());
        var id = NeutronHost.Id(await host.PortAsync(net));
        // The controller marks the port active, writing the store directly.
        var stored = await host.Store.GetAsync<LogicalPort>(id);
        await host.Store.UpdateAsync(stored! with { Status = PortStatus.Active });
        // An update at once: either the watch already delivered the write, or the version conflict reloads it and the request reruns.
        var renamed = await host.PutAsync($"/v2.0/ports/{id}", "{\"port\": {\"name\": \"renamed\"}}");
        renamed.Status.ShouldBe(HttpStatusCode.OK, renamed.Text);
        renamed.Body!["port"]!["status"]!.GetValue<string>().ShouldBe("ACTIVE");
        var final = await host.Store.GetAsync<LogicalPort>(id);
        final!.Name.ShouldBe("renamed");
        final.Status.ShouldBe(PortStatus.Active);
    }

    [Fact]
    public async Task ExternalCreateAndDelete_AreFollowed()
    {
        await using var host = await NeutronHost.StartAsync();
        await host.GetAsync("/v2.0/networks"); // loads the cache
        await host.Store.CreateAsync(new LogicalSwitch { Id = "outside", Name = "made-elsewhere", ProjectId = "admin" });
        await WaitForAsync(async () => (await host.GetAsync("/v2.0/networks?name=made-elsewhere")).Items("networks").Count == 1);
        await host.Store.DeleteAsync<LogicalSwitch>("outside");
        await WaitForAsync(async () => (await host.GetAsync("/v2.0/networks/outside")).Status == HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Cache_ReadsItsOwnWrites_AndStopsWithoutClosingTheStore()
    {
        await using var host = await NeutronHost.StartAsync();
        var cache = new NbReadCache(host.Store);
        var created = await cache.CreateAsync(new LogicalSwitch { Id = "n1", ProjectId = "p" });
        (await cache.GetAsync<LogicalSwitch>("n1"))!.Version.ShouldBe(created.Version);
        (await cache.ListAsync<LogicalSwitch>("p")).Single().Id.ShouldBe("n1");
        (await cache.ListAsync<LogicalSwitch>("q")).ShouldBeEmpty();
        (await cache.DeleteAsync<LogicalSwitch>("n1")).ShouldBeTrue();
        (await cache.GetAsync<LogicalSwitch>("n1")).ShouldBeNull();
        (await cache.DeleteAsync<LogicalSwitch>("n1")).ShouldBeFalse();
        await Should.ThrowAsync<NbConflictException>(() => cache.UpdateAsync(created with { Name = "stale" }));
        await cache.DisposeAsync();
        (await host.Store.ListAsync<LogicalSwitch>()).ShouldBeEmpty();
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(20);
        }
        (await condition()).ShouldBeTrue("the cache did not follow the store within 2 s");
    }
}
