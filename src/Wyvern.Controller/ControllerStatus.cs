namespace Wyvern.Controller;

/// <summary>Counters an operator (and a test) can read from a running controller.</summary>
public sealed class ControllerStatus
{
    private long _syncs;
    private long _flowModsSent;
    private long _packetIns;

    /// <summary>True once the switch holds exactly the desired flows after the first full sync.</summary>
    public bool InSync { get; internal set; }

    /// <summary>Desired flows.</summary>
    public int DesiredFlows { get; internal set; }

    /// <summary>Flow mod batches the switch acknowledged.</summary>
    public long Syncs => Interlocked.Read(ref _syncs);

    /// <summary>Flow mods the switch acknowledged.</summary>
    public long FlowModsSent => Interlocked.Read(ref _flowModsSent);

    /// <summary>Packet-ins received.</summary>
    public long PacketIns => Interlocked.Read(ref _packetIns);

    /// <summary>OpenFlow connections the last sync was written over (more than one for a large diff: <see cref="ControllerOptions.BulkInstallConnections"/>).</summary>
    public int LastSyncConnections { get; internal set; }

    /// <summary>The store revision the controller has applied.</summary>
    public long Revision { get; internal set; }

    /// <summary>Completes each time the switch confirms a sync (tests await it).</summary>
    public event EventHandler? Synced;

    internal void RecordSync(int flowMods)
    {
        Interlocked.Increment(ref _syncs);
        Interlocked.Add(ref _flowModsSent, flowMods);
        Synced?.Invoke(this, EventArgs.Empty);
    }

    internal void RecordPacketIn() => Interlocked.Increment(ref _packetIns);
}
