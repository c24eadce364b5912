using Microsoft.Extensions.Logging.Abstractions;
using Wyvern.Controller.Gateways;
using Wyvern.Northbound;
using Wyvern.Northbound.Etcd;
using Wyvern.Testing.Etcd;
using Wyvern.Testing.Harness;

namespace Wyvern.Controller.Tests.Gateways;

/// <summary>The rescheduler on a real etcd; every controller has its own client, as on separate hosts.</summary>
[Trait("Layer", "Ovs")]
public sealed class EtcdGatewayReschedulerTests(EtcdGatewayReschedulerTests.Etcd etcd) : GatewayReschedulerContract, IClassFixture<EtcdGatewayReschedulerTests.Etcd>
{
    private readonly string _prefix = "/" + TestRun.Prefix + "/" + Guid.NewGuid().ToString("N")[..8];

    protected override Task<INbStore> OpenStoreAsync() => OpenPeerAsync();

    protected override Task<INbStore> OpenPeerAsync() =>
        Task.FromResult<INbStore>(new EtcdNbStore(new EtcdNbStoreOptions { Endpoints = [etcd.ClientUrl], Prefix = _prefix }));

    [Fact]
    public async Task StoreUnreachable_RunKeepsRetrying_AndStopsCleanly()
    {
        var port = EtcdMember.FreePorts(1)[0].Client;   // nothing listens there
        await using var store = new EtcdNbStore(new EtcdNbStoreOptions
        {
            Endpoints = [new Uri($"http://127.0.0.1:{port}")],
            RequestTimeout = TimeSpan.FromMilliseconds(200),
            RetryWindow = TimeSpan.FromMilliseconds(300),
        });
        var rescheduler = new GatewayRescheduler(store, NullLogger.Instance, TimeSpan.FromMilliseconds(100));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        await rescheduler.RunAsync(stop.Token);   // returns on cancel, never throws

        rescheduler.Moves.ShouldBe(0);
    }

    /// <summary>One etcd member for the class.</summary>
    public sealed class Etcd : IAsyncLifetime
    {
        private readonly TempDirectory _dir = new();
        private EtcdMember? _member;

        public Uri ClientUrl => _member?.ClientUrl ?? throw new InvalidOperationException("etcd not started");

        public async Task InitializeAsync()
        {
            HostRequirements.EnsureCommand("etcd", "etcd-server");
            var ports = EtcdMember.FreePorts(1)[0];
            _member = EtcdMember.Start(_dir, "m0", ports, $"m0=http://127.0.0.1:{ports.Peer}");
            await _member.WaitReadyAsync(TimeSpan.FromSeconds(15));
        }

        public Task DisposeAsync()
        {
            _member?.Dispose();
            _dir.Dispose();
            return Task.CompletedTask;
        }
    }
}
