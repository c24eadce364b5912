namespace Wyvern.Controller;

/// <summary>Counters an operator (and a test) can read from a running controller.</summary>
public sealed class ControllerStatus
{
    private long _syncs;
    private long _flowModsSent;
    private long _packetIns;
    private long _bulkSyncs;
    private long _bulkSessionsOpenedAhead;
    private long _bulkSessionsReused;

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

    /// <summary>Syncs large enough to be written over several OpenFlow connections (<see cref="ControllerOptions.BulkInstallConnections"/>).</summary>
    public long BulkSyncs => Interlocked.Read(ref _bulkSyncs);

    /// <summary>Connections the last of those syncs was written over: 1 when no service connection could be opened.</summary>
    public int LastBulkSyncConnections { get; private set; }

    /// <summary>Bulk syncs whose extra connections were opened while the engine compiled the store batch that needed them.</summary>
    public long BulkSessionsOpenedAhead => Interlocked.Read(ref _bulkSessionsOpenedAhead);

    /// <summary>Bulk syncs that found their extra connections still open from an earlier one (<see cref="ControllerOptions.BulkConnectionLinger"/>).</summary>
    public long BulkSessionsReused => Interlocked.Read(ref _bulkSessionsReused);

    /// <summary>Extra connections to the switch held open between bulk syncs.</summary>
    public int IdleBulkConnections { get; internal set; }

    /// <summary>VM interfaces on the integration bridge with an ofport and an <c>iface-id</c>, as the controller last saw them.</summary>
    public int LocalVmPorts { get; internal set; }

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

    internal void RecordBulkSync(int connections)
    {
        LastBulkSyncConnections = connections;
        Interlocked.Increment(ref _bulkSyncs);
    }

    internal void RecordBulkSessionSource(BulkSessionSource source)
    {
        if (source == BulkSessionSource.OpenedAhead)
        {
            Interlocked.Increment(ref _bulkSessionsOpenedAhead);
        }
        else if (source == BulkSessionSource.Reused)
        {
            Interlocked.Increment(ref _bulkSessionsReused);
        }
    }

    internal void RecordPacketIn() => Interlocked.Increment(ref _packetIns);
}
