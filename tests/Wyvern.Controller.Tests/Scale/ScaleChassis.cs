using System.Net;
using Wyvern.Apps;
using Wyvern.Controller.Engine;
using Wyvern.Model;
using Wyvern.Scale;

namespace Wyvern.Controller.Tests.Scale;

/// <summary>
/// An engine for the scale benchmark's model, with its chassis set up as bench/scale/run.sh
/// does: started (the pipeline's own flows), registered with the external network's physnet
/// mapped to a provider bridge, that bridge patched; ports are plugged with <see cref="Plug"/>.
/// </summary>
internal static class ScaleChassis
{
    /// <summary>The provider bridge's patch port on br-int.</summary>
    public const int PatchPort = 60_000;

    public static FlowEngine Started(string chassis, IReadOnlyList<IApp>? apps = null, int bulkOwners = 1000)
    {
        var engine = new FlowEngine(new ChassisState(chassis), apps ?? FlowEngine.DefaultApps()) { BulkRecomputeOwners = bulkOwners };
        engine.RunAll();
        engine.HandleUpsert(new Chassis
        {
            Id = chassis,
            UnderlayIp = IPAddress.Loopback,
            BridgeMappings = new ValueMap([new(ScaleModel.PhysicalNetwork, "br-ex")]),
            ExternalCapable = true,
        });
        engine.HandleProviderPort(ScaleModel.PhysicalNetwork, PatchPort);
        return engine;
    }

    /// <summary>Plugs each port on the next ofport from 1, as the benchmark's dummy interfaces are.</summary>
    public static FlowEngine Plug(this FlowEngine engine, IEnumerable<string> portIds)
    {
        var ofport = 1;
        foreach (var id in portIds)
        {
            engine.HandleLocalBinding(id, ofport++);
        }
        return engine;
    }

    /// <summary>A fresh engine's full run over the same state.</summary>
    public static FlowEngine FullRecompute(FlowEngine engine)
    {
        var full = new FlowEngine(engine.State, FlowEngine.DefaultApps());
        full.RunAll();
        return full;
    }
}
