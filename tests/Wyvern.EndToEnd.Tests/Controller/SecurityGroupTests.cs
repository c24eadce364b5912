using System.Diagnostics;
using System.Net;
using Wyvern.Controller;
using Wyvern.Model;
using Wyvern.Northbound;
using Wyvern.Northbound.Embedded;
using Wyvern.Testing;
using Wyvern.Testing.Harness;
using Xunit.Abstractions;

namespace Wyvern.EndToEnd.Tests.Controller;

/// <summary>
/// Security groups on real OVS (userspace datapath conntrack): vm1 and vm2 on
/// net-a in the project's default group, vm3 on net-b behind the router in a
/// group that only sends (it plays the host outside the group). Rules are
/// added and removed in the store while the VMs run.
/// </summary>
[Trait("Layer", Layer.EndToEnd)]
public sealed class SecurityGroupTests(ITestOutputHelper output)
{
    private const string DefaultGroupId = "d0000000-0000-4000-8000-0000000000d0";
    private const string OutsiderGroupId = "d0000000-0000-4000-8000-0000000000d1";
    private const string WebGroupId = "d0000000-0000-4000-8000-0000000000d2";
    private const string QuietGroupId = "d0000000-0000-4000-8000-0000000000d3";

    private static readonly SecurityGroup DefaultGroup = new()
    {
        Id = DefaultGroupId,
        Key = 1,
        Name = "default",
        ProjectId = "demo",
        Rules =
        [
            Rule("d-out4", RuleDirection.Egress),
            Rule("d-out6", RuleDirection.Egress) with { EtherType = EtherType.IPv6 },
            Rule("d-in4", RuleDirection.Ingress) with { RemoteGroupId = DefaultGroupId },
            Rule("d-in6", RuleDirection.Ingress) with { EtherType = EtherType.IPv6, RemoteGroupId = DefaultGroupId },
        ],
    };

    private static readonly SecurityGroup OutsiderGroup = new()
    {
        Id = OutsiderGroupId,
        Key = 2,
        Name = "outsider",
        ProjectId = "demo",
        Rules = [Rule("o-out4", RuleDirection.Egress)],
    };

    [Fact]
    public async Task DefaultGroup_TcpFromCidr_RuleRemoval_IcmpRule_AllowedAddressPair()
    {
        await using var lab = new Lab();
        var ch = await lab.AddChassisAsync(new ChassisOptions { CreateIntegrationBridge = false });
        var store = lab.Own(EmbeddedNbStore.Open(Path.Combine(ch.RunDir, "nb.db")));
        await EastWestModel.WriteAsync(store);
        await store.CommitAsync(new NbTransaction().Create(DefaultGroup).Create(OutsiderGroup));
        var revision = await SetGroupsAsync(store, (EastWestModel.Vm1, DefaultGroupId), (EastWestModel.Vm2, DefaultGroupId), (EastWestModel.Vm3, OutsiderGroupId));
        var controller = lab.Own(new ChassisController(store, HarnessControllerOptions.For(ch), new TestOutputLogger(output, "controller")));
        await controller.StartAsync();
        await controller.WaitSyncedAsync(revision).WaitAsync(TimeSpan.FromSeconds(20));
        var vms = new List<Vm>();
        foreach (var vm in EastWestModel.Vms)
        {
            vms.Add(await lab.AddVmAsync(ch, vm.Id, vm.Mac));
        }
        var (vm1, vm2, vm3) = (vms[0], vms[1], vms[2]);
        foreach (var vm in vms)
        {
            await DhcpClient.AcquireAsync(vm, ch.RunDir); // DHCP passes whatever the groups say
        }

        // The default group: members reach each other; the outsider reaches nobody.
        await ShouldPingAsync(vm1, "10.0.0.12");
        await ShouldPingAsync(vm2, "10.0.0.11");
        await ShouldNotPingAsync(vm3, "10.0.0.11");
        await ShouldPingAsync(vm3, "10.0.1.1"); // the router answers before any group

        using var web = StartHttpServer(vm1, ch.RunDir, 8080);
        using var other = StartHttpServer(vm1, ch.RunDir, 8081);
        (await CurlAsync(vm2, "http://10.0.0.11:8080/", expectOk: true)).ShouldBe("200"); // a member: anything
        (await CurlAsync(vm3, "http://10.0.0.11:8080/", expectOk: false)).ShouldNotBe("200");

        // TCP 8080 from net-b's CIDR: that port connects, nothing else does.
        await controller.WaitSyncedAsync(await SetRulesAsync(store, [.. DefaultGroup.Rules,
            Rule("d-8080", RuleDirection.Ingress) with { Protocol = 6, PortRangeMin = 8080, PortRangeMax = 8080, RemoteIpPrefix = IPNetwork.Parse("10.0.1.0/24") }]));
        (await CurlAsync(vm3, "http://10.0.0.11:8080/", expectOk: true)).ShouldBe("200");
        (await CurlAsync(vm3, "http://10.0.0.11:8081/", expectOk: false)).ShouldNotBe("200");
        await ShouldNotPingAsync(vm3, "10.0.0.11");

        // The rule deleted: new connections fail.
        await controller.WaitSyncedAsync(await SetRulesAsync(store, [.. DefaultGroup.Rules]));
        (await CurlAsync(vm3, "http://10.0.0.11:8080/", expectOk: false)).ShouldNotBe("200");

        // Ping only once an ICMP rule admits it.
        await controller.WaitSyncedAsync(await SetRulesAsync(store, [.. DefaultGroup.Rules, Rule("d-icmp", RuleDirection.Ingress) with { Protocol = 1 }]));
        await ShouldPingAsync(vm3, "10.0.0.11");

        // An allowed address pair (a VIP) on vm1: reachable on it; another address is spoofing.
        var port1 = (await store.GetAsync<LogicalPort>(EastWestModel.Vm1))!;
        await controller.WaitSyncedAsync((await store.CommitAsync(new NbTransaction().Update(
            port1 with { AllowedAddressPairs = [new AllowedAddressPair(IPNetwork.Parse("10.0.0.100/32"))] }))).Revision);
        await vm1.Netns.CheckAsync("ip", "addr", "add", "10.0.0.100/24", "dev", "eth0");
        await ShouldPingAsync(vm2, "10.0.0.100");
        await vm1.Netns.CheckAsync("ip", "addr", "add", "10.0.0.99/24", "dev", "eth0");
        (await vm1.ExecAsync(["ping", "-c", "2", "-W", "1", "-I", "10.0.0.99", "10.0.0.12"])).Succeeded.ShouldBeFalse();
        (await vm1.ExecAsync(["ping", "-c", "2", "-W", "1", "-I", "10.0.0.100", "10.0.0.12"])).Succeeded.ShouldBeTrue("the VIP is a member of vm1's group at vm2");

        // vm1 in three groups: it has no group key then (reg8 = 0) and carries clauses of its own
        // for each; the outsider's key must not leak into vm1's ingress. The outsider's own group
        // admits TCP 8081 to its members: were its key still in reg8 there, vm3 would get in.
        var webGroup = new SecurityGroup
        {
            Id = WebGroupId, Key = 3, Name = "web", ProjectId = "demo",
            Rules = [Rule("w-9090", RuleDirection.Ingress) with { Protocol = 6, PortRangeMin = 9090, PortRangeMax = 9090 }],
        };
        var quietGroup = new SecurityGroup { Id = QuietGroupId, Key = 4, Name = "quiet", ProjectId = "demo", Rules = [Rule("q-out4", RuleDirection.Egress)] };
        var outsider = (await store.GetAsync<SecurityGroup>(OutsiderGroupId))! with { Rules = [.. OutsiderGroup.Rules, Rule("o-8081", RuleDirection.Ingress) with { Protocol = 6, PortRangeMin = 8081, PortRangeMax = 8081 }] };
        port1 = (await store.GetAsync<LogicalPort>(EastWestModel.Vm1))!;
        await controller.WaitSyncedAsync((await store.CommitAsync(new NbTransaction().Create(webGroup).Create(quietGroup).Update(outsider)
            .Update(port1 with { SecurityGroupIds = [DefaultGroupId, WebGroupId, QuietGroupId] }))).Revision);
        using var web9090 = StartHttpServer(vm1, ch.RunDir, 9090);
        await ShouldAdmitOnlyWhatTheGroupsSayAsync(vm2, vm3);

        // In two groups vm1 carries both keys in reg8: the same answers.
        port1 = (await store.GetAsync<LogicalPort>(EastWestModel.Vm1))!;
        await controller.WaitSyncedAsync((await store.CommitAsync(new NbTransaction()
            .Update(port1 with { SecurityGroupIds = [DefaultGroupId, WebGroupId] }))).Revision);
        await ShouldAdmitOnlyWhatTheGroupsSayAsync(vm2, vm3);
    }

    // vm1 (10.0.0.11) in the default and web groups, vm2 a default member, vm3 the outsider.
    private static async Task ShouldAdmitOnlyWhatTheGroupsSayAsync(Vm vm2, Vm vm3)
    {
        (await CurlAsync(vm3, "http://10.0.0.11:9090/", expectOk: true)).ShouldBe("200"); // the web group's rule
        (await CurlAsync(vm3, "http://10.0.0.11:8081/", expectOk: false)).ShouldNotBe("200"); // neither of vm1's groups admits it
        (await CurlAsync(vm2, "http://10.0.0.11:8081/", expectOk: true)).ShouldBe("200"); // the default group: from members
    }

    private static SecurityGroupRule Rule(string id, RuleDirection direction) => new() { Id = id, Direction = direction };

    private static async Task<long> SetRulesAsync(EmbeddedNbStore store, SecurityGroupRule[] rules)
    {
        var current = (await store.GetAsync<SecurityGroup>(DefaultGroupId))!;
        return (await store.CommitAsync(new NbTransaction().Update(current with { Rules = [.. rules] }))).Revision;
    }

    private static async Task<long> SetGroupsAsync(EmbeddedNbStore store, params (string Port, string Group)[] memberships)
    {
        var txn = new NbTransaction();
        foreach (var (portId, group) in memberships)
        {
            var port = (await store.GetAsync<LogicalPort>(portId))!;
            txn.Update(port with { SecurityGroupIds = [group] });
        }
        return (await store.CommitAsync(txn)).Revision;
    }

    private static Process StartHttpServer(Vm vm, string dir, int port)
    {
        var psi = new ProcessStartInfo("ip", ["netns", "exec", vm.Netns.Name, "/usr/bin/python3", "-m", "http.server", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "0.0.0.0", "--directory", dir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        return Process.Start(psi)!; // killed with the VM's namespace
    }

    /// <summary>The HTTP status curl got (000 when it could not connect); retried for a few seconds when success is expected.</summary>
    private static async Task<string> CurlAsync(NetworkHost from, string url, bool expectOk)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(expectOk ? 10 : 0);
        while (true)
        {
            var r = await from.ExecAsync(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "2", url]);
            var code = r.Stdout.Trim();
            if (!expectOk || code == "200" || DateTime.UtcNow > deadline)
            {
                return code;
            }
            await Task.Delay(200);
        }
    }

    private static async Task ShouldPingAsync(NetworkHost from, string to)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        CommandResult r;
        do
        {
            r = await from.PingAsync(to, count: 2, interval: 0.2, waitSeconds: 1);
        }
        while (!r.Succeeded && DateTime.UtcNow < deadline);
        r.Succeeded.ShouldBeTrue($"{from} → {to}: {r}");
    }

    private static async Task ShouldNotPingAsync(NetworkHost from, string to) =>
        (await from.PingAsync(to, count: 2, interval: 0.2, waitSeconds: 1)).Succeeded.ShouldBeFalse($"{from} → {to} should be refused");
}
