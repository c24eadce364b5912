using Wyvern.Model;

namespace Wyvern.Northbound;

/// <summary>The outcome of a committed transaction.</summary>
/// <param name="Revision">The store revision of the transaction (the new version of every written object).</param>
/// <param name="Written">The created and updated objects, with their new versions, in operation order.</param>
public sealed record NbCommitResult(long Revision, IReadOnlyList<NbObject> Written);
