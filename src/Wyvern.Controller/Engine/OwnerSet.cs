using Wyvern.Apps;
using Wyvern.Pipeline;

namespace Wyvern.Controller.Engine;

/// <summary>
/// The owners a batch of changes affects, each with the apps to run for it: every app, or a
/// single app when the change is to something only that app reads (a security group's rules are
/// read by <see cref="SecurityGroupApp"/> alone, so a rule added to the group every port is in
/// reruns that app for each port, not all thirteen). Asking for every app wins over one app.
/// </summary>
internal sealed class OwnerSet
{
    // null: every app.
    private readonly Dictionary<Owner, AppId?> _owners = [];

    public int Count => _owners.Count;

    /// <summary>The owners with the app to run alone, or null for every app.</summary>
    public IEnumerable<KeyValuePair<Owner, AppId?>> Entries => _owners;

    /// <summary>Recompute <paramref name="owner"/> with every app.</summary>
    public void Add(Owner owner) => _owners[owner] = null;

    /// <summary>Recompute each of <paramref name="owners"/> with every app.</summary>
    public void UnionWith(IEnumerable<Owner> owners)
    {
        foreach (var owner in owners)
        {
            Add(owner);
        }
    }

    /// <summary>Recompute <paramref name="owner"/> with <paramref name="app"/>, at least.</summary>
    public void Add(Owner owner, AppId app)
    {
        if (!_owners.TryGetValue(owner, out var apps))
        {
            _owners[owner] = app;
        }
        else if (apps is { } only && only != app)
        {
            _owners[owner] = null;
        }
    }
}
