namespace Wyvern.Ovsdb.Binding;

/// <summary>What happened to a local port.</summary>
public enum LocalPortEventKind
{
    /// <summary>The port became ready (it has an ofport), or appeared ready.</summary>
    Plugged,
    /// <summary>The port is gone, or lost its ofport.</summary>
    Unplugged,
    /// <summary>The port is still ready but on another OpenFlow port number: flows using it must be recomputed.</summary>
    OfportChanged,
    /// <summary>Something else changed (MAC, admin or link state, tunnel options…).</summary>
    Updated,
}
