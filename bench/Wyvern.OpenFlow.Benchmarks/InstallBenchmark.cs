using System.Diagnostics;
using System.Globalization;
using System.Net;
using Wyvern.OpenFlow.Channel;
using Wyvern.OpenFlow.Matching;
using Wyvern.OpenFlow.Messages;
using Wyvern.Testing.Harness;

namespace Wyvern.OpenFlow.Benchmarks;

/// <summary>
/// Installs N typical pipeline flows into a real ovs-vswitchd (userspace datapath,
/// own namespace) through the channel in one ONF bundle with a final barrier, then,
/// on the emptied bridge, the same flows from a file with ovs-ofctl add-flows and
/// ovs-ofctl --bundle add-flows. Needs root.
/// </summary>
public static class InstallBenchmark
{
    public static async Task RunAsync(int count)
    {
        HostRequirements.EnsureRealOvs();
        await using var chassis = await Chassis.StartAsync();
        await using var listener = new OpenFlowListener();
        listener.ListenUnix(chassis.ControllerSocketPath);
        await chassis.VsctlAsync("set-controller", Chassis.IntegrationBridge, chassis.ControllerTarget);
        var session = await listener.AcceptAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));

        var flows = Enumerable.Range(0, count).Select(i => (OfpMessage)TypicalFlows.Pipeline(i)).ToList();
        var file = Path.Combine(chassis.RunDir, "flows.txt");
        await File.WriteAllLinesAsync(file, Enumerable.Range(0, count).Select(OvsText));

        var channel = Stopwatch.StartNew();
        await session.InstallBundleAsync(flows);
        channel.Stop();
        Report("channel, one bundle + barrier", count, channel.Elapsed, await FlowCountAsync(chassis));

        await Clear(chassis, session);
        var plain = Stopwatch.StartNew();
        await chassis.OfctlAsync("add-flows", Chassis.IntegrationBridge, file);
        plain.Stop();
        Report("ovs-ofctl add-flows", count, plain.Elapsed, await FlowCountAsync(chassis));

        await Clear(chassis, session);
        var bundled = Stopwatch.StartNew();
        await chassis.OfctlAsync("--bundle", "add-flows", Chassis.IntegrationBridge, file);
        bundled.Stop();
        Report("ovs-ofctl --bundle add-flows", count, bundled.Elapsed, await FlowCountAsync(chassis));

        await Clear(chassis, session);
        var batch = Stopwatch.StartNew();
        await session.SendBatchAsync(flows);
        batch.Stop();
        Report("channel, plain flow mods + barrier", count, batch.Elapsed, await FlowCountAsync(chassis));
    }

    /// <summary>The ovs-ofctl text of <see cref="TypicalFlows.Pipeline"/>(n).</summary>
    private static string OvsText(int n)
    {
        var flow = TypicalFlows.Pipeline(n);
        flow.Match.TryGet(OxmField.Ipv4Src, out var src);
        var nwSrc = new IPAddress(BitConverter.GetBytes(0x0000000a + (n << 8)));
        return string.Create(CultureInfo.InvariantCulture,
            $"table=10,priority=100,cookie=0x{flow.Cookie:x},in_port={(n % 60000) + 1},tcp,dl_src={new MacAddress(0xfa163e000000UL + (ulong)n)},nw_src={nwSrc},tp_dst=80,metadata=0x5,reg6={n},"
            + $"actions=ct(commit,zone=5,table=15),set_field:{n}->reg7,set_field:5001->tun_id,output:7");
    }

    private static async Task Clear(Chassis chassis, SwitchSession session)
    {
        await session.SendBatchAsync([new FlowMod { Command = FlowModCommand.Delete, TableId = OfpPort.AllTables }]);
        (await FlowCountAsync(chassis)).ShouldBeZero();
    }

    private static void ShouldBeZero(this int value)
    {
        if (value != 0)
        {
            throw new InvalidOperationException($"bridge still has {value} flows");
        }
    }

    private static async Task<int> FlowCountAsync(Chassis chassis)
    {
        var text = await chassis.OfctlAsync("dump-aggregate", Chassis.IntegrationBridge);
        var at = text.IndexOf("flow_count=", StringComparison.Ordinal) + "flow_count=".Length;
        return int.Parse(text[at..].Trim(), CultureInfo.InvariantCulture);
    }

    private static void Report(string what, int count, TimeSpan elapsed, int installed) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {count} flows in {elapsed.TotalSeconds:F2} s = {count / elapsed.TotalSeconds:F0} flows/s (bridge has {installed})"));
}
