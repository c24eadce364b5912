namespace Wyvern.Ovsdb.Bootstrap;

/// <summary>What a bootstrap run did: the changes it wrote (empty when the chassis was already
/// as configured, in which case no transaction was sent) and the chassis identity in effect.</summary>
public sealed record ChassisBootstrapResult(IReadOnlyList<string> Changes, string SystemId, string Hostname)
{
    /// <summary>True if the run wrote anything.</summary>
    public bool Changed => Changes.Count > 0;
}
