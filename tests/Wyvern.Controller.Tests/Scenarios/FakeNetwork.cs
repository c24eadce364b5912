using System.Net;
using Wyvern.Model;
using Wyvern.OpenFlow.Matching;
using Wyvern.Testing.Simulation;

namespace Wyvern.Controller.Tests.Scenarios;

/// <summary>
/// Several chassis, each with its own engine, reconciler and simulated
/// switch, sharing one logical model, joined by an underlay: a packet a
/// switch outputs on its tunnel port reaches the chassis (or remote VTEP)
/// named by tun_dst, arriving on that chassis's tunnel port of the same type;
/// a packet out of the provider patch port reaches every other chassis's.
/// </summary>
internal sealed class FakeNetwork
{
    public const int VxlanPort = 100;
    public const int GenevePort = 101;
    public const int PhysnetPatchPort = 200;
    public const string Physnet = "physnet1";

    private readonly Dictionary<string, (ScenarioSwitch Switch, IPAddress Ip)> _chassis = [];
    private readonly HashSet<string> _external = [];

    /// <summary>Every packet a chassis sent onto the physical network: which chassis, and the packet as it left.</summary>
    public List<(string From, SimPacket Packet)> Physical { get; } = [];

    /// <summary>Packets that left the fabric for an address no chassis has (a remote VTEP): address and packet.</summary>
    public List<(IPAddress To, SimPacket Packet)> Elsewhere { get; } = [];

    public ScenarioSwitch this[string chassis] => _chassis[chassis].Switch;

    /// <summary>
    /// Adds a chassis with VXLAN and Geneve tunnel ports and publishes it to every engine;
    /// with <paramref name="externalPort"/> it has a patch port to <see cref="Physnet"/> (and the bridge mapping in its record).
    /// </summary>
    public FakeNetwork AddChassis(string name, string underlayIp, bool externalPort = true, bool gatewayCapable = false)
    {
        var s = new ScenarioSwitch(name).Tunnel(TunnelType.Vxlan, VxlanPort).Tunnel(TunnelType.Geneve, GenevePort);
        if (externalPort)
        {
            s.Engine.HandleProviderPort(Physnet, PhysnetPatchPort);
            _external.Add(name);
        }
        s.Sync();
        _chassis[name] = (s, IPAddress.Parse(underlayIp));
        Put(Record(name, underlayIp, externalPort, gatewayCapable));
        foreach (var (other, _) in _chassis.Where(c => c.Key != name))
        {
            s.Put(_chassis[other].Switch.Engine.State.Chassis(other)!);
        }
        return this;
    }

    public static Chassis Record(string name, string underlayIp, bool externalPort = false, bool gatewayCapable = false) =>
        new()
        {
            Id = name,
            UnderlayIp = IPAddress.Parse(underlayIp),
            TunnelTypes = [TunnelType.Vxlan, TunnelType.Geneve],
            BridgeMappings = externalPort ? new ValueMap([new(Physnet, "br-ex")]) : default,
            ExternalCapable = externalPort,
            GatewayCapable = gatewayCapable,
        };

    /// <summary>The chassis's record as published (to restore it after a simulated lease expiry).</summary>
    public Chassis RecordOf(string chassis) => _chassis[chassis].Switch.Engine.State.Chassis(chassis)!;

    /// <summary>A frame arrives from the physical network (an external host): every chassis with an external port receives it.</summary>
    public List<(string Chassis, SimOutput Output)> FromPhysical(byte[] frame)
    {
        var results = new List<(string, SimOutput)>();
        foreach (var c in _external)
        {
            results.AddRange(Follow(c, SimPacket.FromFrame(PhysnetPatchPort, frame), hops: 1));
        }
        return results;
    }

    /// <summary>Writes objects to the model every chassis sees.</summary>
    public FakeNetwork Put(params NbObject[] objects)
    {
        foreach (var (s, _) in _chassis.Values)
        {
            s.Put(objects);
        }
        return this;
    }

    public FakeNetwork Delete<T>(string id) where T : NbObject
    {
        foreach (var (s, _) in _chassis.Values)
        {
            s.Delete<T>(id);
        }
        return this;
    }

    /// <summary>Sends a frame from a local port of <paramref name="chassis"/> and follows it across tunnels; returns every (chassis, output) where it left to a VM.</summary>
    public List<(string Chassis, SimOutput Output)> Send(string chassis, uint inPort, byte[] frame) =>
        Follow(chassis, SimPacket.FromFrame(inPort, frame), hops: 0);

    /// <summary>Injects a packet as if it arrived on <paramref name="chassis"/>'s tunnel port.</summary>
    public List<(string Chassis, SimOutput Output)> Inject(string chassis, SimPacket packet) => Follow(chassis, packet, hops: 0);

    private List<(string, SimOutput)> Follow(string chassis, SimPacket packet, int hops)
    {
        if (hops > 4)
        {
            throw new InvalidOperationException("a packet crossed the fabric more than 4 times (a tunnel loop?)");
        }
        var results = new List<(string, SimOutput)>();
        var (sw, ip) = _chassis[chassis];
        foreach (var output in sw.Switch.Trace(packet).Outputs)
        {
            if (output.Port is VxlanPort or GenevePort)
            {
                var to = new IPAddress(BitConverter.GetBytes((uint)output.Packet.Get(OxmField.TunIpv4Dst)).Reverse().ToArray());
                var target = _chassis.FirstOrDefault(c => c.Value.Ip.Equals(to));
                if (target.Key is null)
                {
                    Elsewhere.Add((to, output.Packet));
                    continue;
                }
                var source = BitConverter.ToUInt32(ip.GetAddressBytes().Reverse().ToArray());
                results.AddRange(Follow(target.Key, output.Packet.ReceivedOnTunnel(output.Port, source), hops + 1));
            }
            else if (output.Port == PhysnetPatchPort)
            {
                // The physical network: a learning-free switch that gives the frame to every other chassis on it.
                Physical.Add((chassis, output.Packet));
                foreach (var other in _external.Where(c => c != chassis))
                {
                    results.AddRange(Follow(other, output.Packet.ReceivedOnTunnel(PhysnetPatchPort, 0), hops + 1));
                }
            }
            else
            {
                results.Add((chassis, output));
            }
        }
        return results;
    }

    /// <summary>Runs every chassis's per-scenario checks.</summary>
    public void Verify()
    {
        foreach (var (s, _) in _chassis.Values)
        {
            s.Verify();
        }
    }
}
