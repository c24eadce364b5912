using Wyvern.Pipeline;

namespace Wyvern.Apps;

/// <summary>
/// A pure flow producer. <see cref="Consider"/> computes every flow this app
/// wants for one owner from the view alone; the engine replaces that owner's
/// flows with the result. Same view, same owner → same flows (the engine's
/// incremental path and a full recompute rely on it).
/// </summary>
public interface IApp
{
    /// <summary>Which app (carried in the cookie).</summary>
    AppId Id { get; }

    /// <summary>Adds this app's flows for <paramref name="owner"/> to <paramref name="flows"/>.</summary>
    void Consider(Owner owner, IChassisView view, ICollection<FlowSpec> flows);
}
