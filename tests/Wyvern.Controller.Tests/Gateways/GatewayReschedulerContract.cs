using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Wyvern.Controller.Gateways;
using Wyvern.Model;
using Wyvern.Northbound;

namespace Wyvern.Controller.Tests.Gateways;

/// <summary>
/// What the gateway rescheduler guarantees, on any <see cref="INbStore"/>: a router
/// whose first gateway chassis is gone moves to a live one (keeping the standby that
/// already took over first), healthy routers are left alone, racing controllers
/// write exactly once, and an expiring chassis lease triggers the move by itself.
/// </summary>
public abstract class GatewayReschedulerContract
{
    protected const string Physnet = "physnet1";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>A fresh, empty store (each call in one test shares the same data).</summary>
    protected abstract Task<INbStore> OpenStoreAsync();

    /// <summary>Another client of the same data (another controller's connection).</summary>
    protected abstract Task<INbStore> OpenPeerAsync();

    protected static Chassis Gw(string name, bool capable = true) => new()
    {
        Id = name,
        UnderlayIp = IPAddress.Loopback,
        GatewayCapable = capable,
        BridgeMappings = new ValueMap(new Dictionary<string, string> { [Physnet] = "br-ex" }),
    };

    private static readonly LogicalSwitch External = new()
    {
        Id = "ext",
        Key = 1,
        External = true,
        NetworkType = NetworkType.Flat,
        PhysicalNetwork = Physnet,
    };

    protected static LogicalRouter Router(string id, params string[] gateways) => new()
    {
        Id = id,
        Key = 1,
        ExternalGateway = new ExternalGateway { NetworkId = "ext" },
        GatewayChassis = ValueList.Of(gateways),
    };

    private static GatewayRescheduler Rescheduler(INbStore store) =>
        new(store, NullLogger.Instance, TimeSpan.FromSeconds(30));

    [Fact]
    public async Task DeadFirstEntry_MovesToTheActiveStandby_ThenTheLeastLoaded()
    {
        await using var store = await OpenStoreAsync();
        await store.CreateAsync(External);
        foreach (var c in new[] { Gw("gw-b"), Gw("gw-c"), Gw("gw-d") })
        {
            await store.CreateAsync(c);
        }
        await store.CreateAsync(Router("r1", "gw-gone", "gw-c", "gw-b"));
        await store.CreateAsync(Router("r2", "gw-b", "gw-c", "gw-d"));   // healthy
        await store.CreateAsync(Router("r3", "gw-d", "gw-b", "gw-c"));   // healthy

        (await Rescheduler(store).RunOnceAsync()).ShouldBe(1);

        // gw-c already serves r1 (first able entry): it stays first; then gw-b and gw-d carry
        // one router each, and gw-b wins the tie by name.
        (await store.GetAsync<LogicalRouter>("r1"))!.GatewayChassis.ShouldBe(ValueList.Of("gw-c", "gw-b", "gw-d"));
        (await store.GetAsync<LogicalRouter>("r2"))!.GatewayChassis.ShouldBe(ValueList.Of("gw-b", "gw-c", "gw-d"));
        (await store.GetAsync<LogicalRouter>("r3"))!.GatewayChassis.ShouldBe(ValueList.Of("gw-d", "gw-b", "gw-c"));
    }

    [Fact]
    public async Task HealthyOrGatewayless_Routers_AreNotRewritten()
    {
        await using var store = await OpenStoreAsync();
        await store.CreateAsync(External);
        await store.CreateAsync(Gw("gw-a"));
        var healthy = await store.CreateAsync(Router("r1", "gw-a", "gw-gone"));
        var noGateway = await store.CreateAsync(Router("r2") with { ExternalGateway = null });
        // No chassis can serve physnet2 at all: nothing to write either.
        await store.CreateAsync(External with { Id = "ext2", Key = 2, PhysicalNetwork = "physnet2" });
        var unservable = await store.CreateAsync(Router("r3") with { ExternalGateway = new ExternalGateway { NetworkId = "ext2" } });

        (await Rescheduler(store).RunOnceAsync()).ShouldBe(0);

        (await store.GetAsync<LogicalRouter>("r1"))!.Version.ShouldBe(healthy.Version);
        (await store.GetAsync<LogicalRouter>("r2"))!.Version.ShouldBe(noGateway.Version);
        (await store.GetAsync<LogicalRouter>("r3"))!.Version.ShouldBe(unservable.Version);
    }

    [Fact]
    public async Task DeadStandby_IsReplaced_TheActiveStaysFirst()
    {
        await using var store = await OpenStoreAsync();
        await store.CreateAsync(External);
        await store.CreateAsync(Gw("gw-a"));
        await store.CreateAsync(Gw("gw-b"));
        await store.CreateAsync(Router("r1", "gw-b", "gw-gone"));

        (await Rescheduler(store).RunOnceAsync()).ShouldBe(1);

        (await store.GetAsync<LogicalRouter>("r1"))!.GatewayChassis.ShouldBe(ValueList.Of("gw-b", "gw-a"));
    }

    [Fact]
    public async Task RacingControllers_WriteEachRouterOnce_AndAgree()
    {
        await using var store = await OpenStoreAsync();
        await store.CreateAsync(External);
        await store.CreateAsync(Gw("gw-a"));
        await store.CreateAsync(Gw("gw-b"));
        for (var i = 0; i < 8; i++)
        {
            await store.CreateAsync(Router($"r{i}", "gw-gone"));
        }
        var peers = new List<INbStore>();
        for (var i = 0; i < 4; i++)
        {
            peers.Add(await OpenPeerAsync());
        }
        try
        {
            var reschedulers = peers.Select(Rescheduler).ToList();

            var moved = await Task.WhenAll(reschedulers.Select(r => Task.Run(() => r.RunOnceAsync())));

            moved.Sum().ShouldBe(8);
            var routers = await store.ListAsync<LogicalRouter>();
            routers.ShouldAllBe(r => r.GatewayChassis.Count == 2 && (r.GatewayChassis[0] == "gw-a" || r.GatewayChassis[0] == "gw-b"));
            // Another pass by anyone finds nothing to do.
            (await reschedulers[0].RunOnceAsync()).ShouldBe(0);
        }
        finally
        {
            foreach (var p in peers)
            {
                await p.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task ChassisLeaseExpires_RouterMovesToTheStandby_WithoutAnyoneAsking()
    {
        await using var store = await OpenStoreAsync();
        await store.CreateAsync(External);
        var lease = await store.GrantLeaseAsync(TimeSpan.FromSeconds(2));
        await store.CreateAsync(Gw("gw-a"), lease.Id);
        await store.CreateAsync(Gw("gw-b"));
        await store.CreateAsync(Router("r1", "gw-a", "gw-b"));
        using var stop = new CancellationTokenSource();
        var rescheduler = Rescheduler(store);
        var running = rescheduler.RunAsync(stop.Token);
        try
        {
            // Nobody renews gw-a's lease: it expires, the watch sees the chassis deleted.
            var clock = Stopwatch.StartNew();
            var moved = await WaitForAsync(store, "r1", r => r.GatewayChassis.Count > 0 && r.GatewayChassis[0] == "gw-b");
            clock.Elapsed.ShouldBeLessThan(Timeout);
            moved.GatewayChassis.ShouldBe(ValueList.Of("gw-b"));
            (await store.GetAsync<Chassis>("gw-a")).ShouldBeNull();

            // A new able chassis registers: it becomes r1's standby, but r1 stays where its NAT state is.
            await store.CreateAsync(Gw("gw-0"));
            (await WaitForAsync(store, "r1", r => r.GatewayChassis.Count == 2)).GatewayChassis.ShouldBe(ValueList.Of("gw-b", "gw-0"));
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }

    [Fact]
    public async Task RouterWithEmptyList_IsScheduled_WhenAnAbleChassisRegisters()
    {
        await using var store = await OpenStoreAsync();
        await store.CreateAsync(External);
        await store.CreateAsync(Router("r1"));
        using var stop = new CancellationTokenSource();
        var running = Rescheduler(store).RunAsync(stop.Token);
        try
        {
            await Task.Delay(200);
            await store.CreateAsync(Gw("gw-a", capable: false));
            await store.CreateAsync(Gw("gw-b"));

            (await WaitForAsync(store, "r1", r => r.GatewayChassis.Count > 0)).GatewayChassis.ShouldBe(ValueList.Of("gw-b"));
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }

    private static async Task<LogicalRouter> WaitForAsync(INbStore store, string id, Func<LogicalRouter, bool> done)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var r = await store.GetAsync<LogicalRouter>(id);
            if (r is not null && done(r))
            {
                return r;
            }
            if (deadline.Elapsed > Timeout)
            {
                throw new TimeoutException($"router {id} never reached the expected gateway list (now [{string.Join(", ", r?.GatewayChassis ?? [])}])");
            }
            await Task.Delay(50);
        }
    }
}
