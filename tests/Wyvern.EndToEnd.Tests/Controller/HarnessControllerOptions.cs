using System.Net;
using Wyvern.Controller;
using Wyvern.Model;
using Chassis = Wyvern.Testing.Harness.Chassis;

namespace Wyvern.EndToEnd.Tests.Controller;

/// <summary>Controller options for a harness chassis: its OVSDB socket, the userspace datapath, a controller socket in its run directory.</summary>
internal static class HarnessControllerOptions
{
    public static ControllerOptions For(Chassis ch, TunnelType[]? tunnels = null, IReadOnlyDictionary<string, string>? bridgeMappings = null) => new()
    {
        ChassisName = ch.SystemId,
        UnderlayIp = ch.UnderlayIp is { } ip ? IPAddress.Parse(ip) : IPAddress.Loopback,
        TunnelTypes = tunnels ?? [],
        BridgeMappings = bridgeMappings ?? new Dictionary<string, string>(),
        OvsdbEndpoint = "unix:" + ch.DbSocket,
        DatapathType = "netdev",
        OpenFlowListen = "unix:" + ch.ControllerSocketPath,
        LeaseTtl = TimeSpan.FromSeconds(5),
    };
}
