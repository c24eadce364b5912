using System.CommandLine;
using System.Net;
using Wyvern.Controller;
using Wyvern.Model;

namespace Wyvern.Cli;

/// <summary>The command-line options, shared by the commands that use them.</summary>
internal static class CliOptions
{
    public static readonly Option<string> Store = new("--store")
    {
        Description = "Northbound store: embedded:<path> (default) or etcd:<url>[,<url>…][;prefix=<p>]",
        DefaultValueFactory = _ => "embedded:/var/lib/wyvern/nb.db",
    };

    public static readonly Option<string> Urls = new("--urls")
    {
        Description = "Where the Neutron API listens",
        DefaultValueFactory = _ => "http://127.0.0.1:9696",
    };

    public static readonly Option<string> Chassis = new("--chassis")
    {
        Description = "This chassis's name (OVS system-id)",
        DefaultValueFactory = _ => Environment.MachineName,
    };

    public static readonly Option<string> Ovsdb = new("--ovsdb")
    {
        Description = "This chassis's OVSDB server: unix:<path> or tcp:<ip>:<port>",
        DefaultValueFactory = _ => "unix:/var/run/openvswitch/db.sock",
    };

    public static readonly Option<string> OpenFlow = new("--openflow")
    {
        Description = "Where the controller listens for br-int: unix:<path> or tcp:<ip>:<port>",
        DefaultValueFactory = _ => "tcp:127.0.0.1:6653",
    };

    public static readonly Option<string> Datapath = new("--datapath")
    {
        Description = "br-int datapath_type: system (kernel) or netdev (userspace)",
        DefaultValueFactory = _ => "system",
    };

    public static readonly Option<string> UnderlayIp = new("--underlay-ip")
    {
        Description = "Address other chassis tunnel to",
        DefaultValueFactory = _ => "127.0.0.1",
    };

    public static readonly Option<string> TunnelTypes = new("--tunnel-types")
    {
        Description = "Comma-separated: vxlan, geneve, gre (one virtual tunnel port each)",
        DefaultValueFactory = _ => "vxlan",
    };

    public static readonly Option<string> BridgeMappings = new("--bridge-mappings")
    {
        Description = "Comma-separated physnet:bridge pairs (provider networks)",
        DefaultValueFactory = _ => "",
    };

    public static readonly Option<bool> Gateway = new("--gateway")
    {
        Description = "This chassis may host centralized SNAT and fallback DNAT",
    };

    public static void AddControllerOptions(Command command)
    {
        foreach (var o in new Option[] { Chassis, Ovsdb, OpenFlow, Datapath, UnderlayIp, TunnelTypes, BridgeMappings, Gateway })
        {
            command.Options.Add(o);
        }
    }

    public static ControllerOptions ControllerOptions(ParseResult p) => new()
    {
        ChassisName = p.GetValue(Chassis)!,
        OvsdbEndpoint = p.GetValue(Ovsdb)!,
        OpenFlowListen = p.GetValue(OpenFlow)!,
        DatapathType = p.GetValue(Datapath)!,
        UnderlayIp = IPAddress.Parse(p.GetValue(UnderlayIp)!),
        TunnelTypes = [.. Split(p.GetValue(TunnelTypes)).Select(t => Enum.Parse<TunnelType>(t, ignoreCase: true))],
        BridgeMappings = Split(p.GetValue(BridgeMappings)).Select(m => m.Split(':', 2)).ToDictionary(m => m[0], m => m[1]),
        GatewayCapable = p.GetValue(Gateway),
    };

    private static string[] Split(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
