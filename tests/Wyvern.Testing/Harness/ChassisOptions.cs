namespace Wyvern.Testing.Harness;

/// <summary>How the harness brings a chassis up.</summary>
public sealed record ChassisOptions
{
    /// <summary>Value of <c>Open_vSwitch external_ids:system-id</c>; defaults to the chassis name.</summary>
    public string? SystemId { get; init; }

    /// <summary>
    /// Create <c>br-int</c> (netdev, fail_mode=secure, OpenFlow13, in-band off).
    /// False when the test lets the controller's bootstrap create it.
    /// </summary>
    public bool CreateIntegrationBridge { get; init; } = true;

    /// <summary>Start ovs-vswitchd with <c>--enable-dummy</c> so <c>type=dummy</c> interfaces work (scale benchmarks).</summary>
    public bool EnableDummy { get; init; }
}
