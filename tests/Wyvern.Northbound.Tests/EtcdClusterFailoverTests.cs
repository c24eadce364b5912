using Wyvern.Model;
using Wyvern.Northbound.Etcd;

using Wyvern.Testing.Etcd;

namespace Wyvern.Northbound.Tests;

/// <summary>A 3-member etcd cluster on loopback; the member the client talks to is killed.</summary>
[Trait("Layer", "Ovs")]
public sealed class EtcdClusterFailoverTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly List<EtcdMember> _members = [];

    private async Task StartClusterAsync()
    {
        var ports = EtcdMember.FreePorts(3);
        var cluster = string.Join(',', ports.Select((p, i) => $"m{i}=http://127.0.0.1:{p.Peer}"));
        for (var i = 0; i < 3; i++)
        {
            _members.Add(EtcdMember.Start(_dir, $"m{i}", ports[i], cluster));
        }
        await Task.WhenAll(_members.Select(m => m.WaitReadyAsync(TimeSpan.FromSeconds(20))));
    }

    [Fact]
    public async Task KillingTheClientsMember_WritesAndWatchContinue_NothingLostOrDuplicated()
    {
        await StartClusterAsync();
        await using var store = new EtcdNbStore(new EtcdNbStoreOptions
        {
            Endpoints = [.. _members.Select(m => m.ClientUrl)],
            Prefix = "/wy-failover",
            RequestTimeout = TimeSpan.FromSeconds(2),
        });
        var start = (await store.GetSnapshotAsync()).Revision;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        var seen = new List<NbChangeBatch>();
        var watching = Task.Run(async () =>
        {
            await foreach (var item in store.WatchAsync(start, stop.Token))
            {
                lock (seen)
                {
                    seen.Add(item.ShouldBeOfType<NbChangeBatch>());
                    if (seen.Sum(b => b.Changes.Count) == 40)
                    {
                        return;
                    }
                }
            }
        });

        for (var i = 0; i < 20; i++)
        {
            await store.CreateAsync(Samples.Port($"a{i:00}", n: i));
        }
        var victim = _members.Single(m => m.ClientUrl == store.CurrentEndpoint);
        victim.Kill();
        for (var i = 0; i < 20; i++)
        {
            await store.CreateAsync(Samples.Port($"b{i:00}", n: i));
        }
        await watching.WaitAsync(TimeSpan.FromSeconds(30));

        store.CurrentEndpoint.ShouldNotBe(victim.ClientUrl);
        var ids = seen.Flatten().Select(c => c.Id).ToList();
        ids.ShouldBe([.. Enumerable.Range(0, 20).Select(i => $"a{i:00}"), .. Enumerable.Range(0, 20).Select(i => $"b{i:00}")]);
        seen.Select(b => b.Revision).ShouldBeInOrder(SortDirection.Ascending);
        seen.Select(b => b.Revision).Distinct().Count().ShouldBe(seen.Count);
        (await store.ListAsync<LogicalPort>()).Count.ShouldBe(40);
    }

    [Fact]
    public async Task KillingTheClientsMemberDuringWrites_EveryWriteSucceedsExactlyOnce()
    {
        await StartClusterAsync();
        await using var store = new EtcdNbStore(new EtcdNbStoreOptions
        {
            Endpoints = [.. _members.Select(m => m.ClientUrl)],
            Prefix = "/wy-inflight",
            RequestTimeout = TimeSpan.FromSeconds(2),
        });
        var start = (await store.GetSnapshotAsync()).Revision;
        var victim = _members.Single(m => m.ClientUrl == store.CurrentEndpoint);

        // four writers keep requests in flight while the member they talk to is killed
        var written = 0;
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 15; i++)
            {
                await store.CreateAsync(Samples.Port($"w{w}-{i:00}", n: i));
                if (Interlocked.Increment(ref written) == 20)
                {
                    victim.Kill();
                }
            }
        })).ToList();
        await Task.WhenAll(writers);

        var events = await store.WatchAsync(start).TakeAsync(60, TimeSpan.FromSeconds(20));
        events.Flatten().Select(c => c.Id).Order().ShouldBe(
            Enumerable.Range(0, 4).SelectMany(w => Enumerable.Range(0, 15).Select(i => $"w{w}-{i:00}")).Order());
    }

    public void Dispose()
    {
        foreach (var member in _members)
        {
            member.Dispose();
        }
        _dir.Dispose();
    }
}
