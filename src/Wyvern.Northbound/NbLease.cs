namespace Wyvern.Northbound;

/// <summary>A lease: objects attached to it disappear when it is not renewed within <see cref="Ttl"/>.</summary>
/// <param name="Id">The lease id.</param>
/// <param name="Ttl">The granted time to live.</param>
public sealed record NbLease(long Id, TimeSpan Ttl);
