using System.Diagnostics;
using System.Globalization;
using Wyvern.Controller.Engine;
using Wyvern.Pipeline;
using Wyvern.SecurityGroups.Benchmarks;

// Flow count and compile time of security groups at scale, on one chassis, in process
// (the engine alone: no switch, no store). Usage: [ports] [networks] (default 5000 100).
var ports = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5000;
var networks = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
var model = new SecurityGroupScaleModel(ports, networks);

// Warm up the JIT on a small model so the figures measure the work, not compilation.
Measure(new SecurityGroupScaleModel(200, 4), print: false);
Measure(model, print: true);

static void Measure(SecurityGroupScaleModel model, bool print)
{
    // WYVERN_BENCH_WITHOUT_SG=1 leaves the security-group app out, for the baseline.
    var apps = Environment.GetEnvironmentVariable("WYVERN_BENCH_WITHOUT_SG") == "1"
        ? [.. FlowEngine.DefaultApps().Where(a => a is not Wyvern.Apps.SecurityGroupApp)]
        : FlowEngine.DefaultApps();
    var engine = new FlowEngine(new ChassisState(SecurityGroupScaleModel.Chassis), apps);
    foreach (var o in model.Objects())
    {
        engine.State.Upsert(o);
    }
    for (var p = 0; p < model.Ports; p++)
    {
        engine.State.SetLocalOfPort(SecurityGroupScaleModel.PortId(p), p + 1);
    }
    var full = Stopwatch.StartNew();
    engine.RunAll();
    full.Stop();

    var total = engine.Desired.Count;
    var byTable = engine.Desired.All.GroupBy(f => f.Table).ToDictionary(g => g.Key, g => g.Count());
    int In(TableId t) => byTable.GetValueOrDefault(t);
    TableId[] sgTables =
    [
        TableId.EgressSecurityGroupKey, TableId.EgressConntrack, TableId.EgressSecurityGroup,
        TableId.IngressSecurityGroupKey, TableId.IngressConntrack, TableId.IngressSecurityGroup,
    ];
    var sg = sgTables.Sum(In);

    // One change: a new port joins the group (it becomes a remote-group member everywhere).
    const int changes = 50;
    var change = Stopwatch.StartNew();
    for (var i = 0; i < changes; i++)
    {
        var extra = model.Port(model.Ports + i);
        engine.HandleUpsert(extra);
        engine.HandleLocalBinding(extra.Id, model.Ports + i + 1);
    }
    change.Stop();
    // One rule change on the group every port is in.
    var rule = Stopwatch.StartNew();
    engine.HandleUpsert(SecurityGroupScaleModel.DefaultGroup with { Rules = [.. SecurityGroupScaleModel.DefaultGroup.Rules.Take(5)] });
    rule.Stop();

    if (!print)
    {
        return;
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ports={model.Ports} networks={model.Networks} group=default(+icmp,+tcp22 from anywhere)"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"flows total={total} security-group tables (9,10,15,104,105,110)={sg}"));
    foreach (var t in sgTables)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  table {(byte)t} {t}: {In(t)}"));
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"full compute: {full.Elapsed.TotalMilliseconds:F0} ms"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one port joining the group (plug + member flows): {change.Elapsed.TotalMilliseconds / changes:F2} ms each"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one rule removed from the group of every port: {rule.Elapsed.TotalMilliseconds:F0} ms"));
}
