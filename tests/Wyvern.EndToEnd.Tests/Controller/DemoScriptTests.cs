using Wyvern.Testing;
using Wyvern.Testing.Harness;

namespace Wyvern.EndToEnd.Tests.Controller;

/// <summary>The README's first command works: the all-in-one demo passes every check and cleans up.</summary>
[Trait("Layer", Layer.EndToEnd)]
public sealed class DemoScriptTests
{
    [Fact]
    public async Task DemoScript_AllChecksOk_AndNothingLeftBehind()
    {
        HostRequirements.EnsureRealOvs();
        HostRequirements.EnsureCommand("openstack", "python3-openstackclient");
        HostRequirements.EnsureCommand("udhcpc", "udhcpc");
        var root = RepositoryPaths.Root;

        var run = await Shell.RunAsync("bash", [Path.Combine(root, "scripts", "demo.sh")], TimeSpan.FromMinutes(8));

        run.ExitCode.ShouldBe(0, run.ToString());
        var table = run.Stdout.Split('\n').Where(l => l.Contains("->", StringComparison.Ordinal) || l.Contains("DHCP lease", StringComparison.Ordinal)).ToList();
        table.Count.ShouldBe(10, run.Stdout);
        table.ShouldAllBe(l => l.TrimEnd().EndsWith(" ok", StringComparison.Ordinal));
        run.Stdout.ShouldContain("demo: torn down");
        // The demo names everything after its own id (other tests run in parallel with their own names).
        var id = System.Text.RegularExpressions.Regex.Match(run.Stdout, @"namespace (wy-[0-9a-f]{6})-ch").Groups[1].Value;
        id.ShouldNotBeEmpty(run.Stdout);
        (await Netns.ListAsync()).ShouldNotContain(n => n.StartsWith(id, StringComparison.Ordinal));
        Directory.Exists($"/tmp/{id}-demo").ShouldBeFalse();
    }

}
