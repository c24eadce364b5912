namespace Wyvern.Testing;

/// <summary>
/// Test layers, used as <c>[Trait("Layer", Layer.X)]</c>. Developers run
/// <c>dotnet test --filter Layer=Unit</c> for the fast layer; CI runs all of them.
/// </summary>
public static class Layer
{
    /// <summary>Pure code: no processes, no sockets beyond loopback in-process peers.</summary>
    public const string Unit = "Unit";

    /// <summary>App scenarios traced through the FlowSimulator.</summary>
    public const string Scenario = "Scenario";

    /// <summary>Real ovsdb-server / ovs-vswitchd / etcd processes, no packets between VMs.</summary>
    public const string Ovs = "Ovs";

    /// <summary>Network namespaces as VMs and real packets through real Open vSwitch.</summary>
    public const string EndToEnd = "EndToEnd";
}
