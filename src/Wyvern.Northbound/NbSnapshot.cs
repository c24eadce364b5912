using Wyvern.Model;

namespace Wyvern.Northbound;

/// <summary>Every object of the store as of <see cref="Revision"/>.</summary>
/// <param name="Revision">The store revision the snapshot is consistent at; watch after it.</param>
/// <param name="Objects">All objects, by table then id.</param>
public sealed record NbSnapshot(long Revision, IReadOnlyList<NbObject> Objects)
{
    /// <summary>The objects of one table.</summary>
    public IEnumerable<T> OfType<T>() where T : NbObject => Objects.OfType<T>();
}
