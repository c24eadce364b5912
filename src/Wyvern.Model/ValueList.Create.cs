namespace Wyvern.Model;

/// <summary>Factory methods for <see cref="ValueList{T}"/> (collection expressions use <see cref="Create{T}"/>).</summary>
public static class ValueList
{
    /// <summary>A list of <paramref name="items"/>.</summary>
    public static ValueList<T> Create<T>(ReadOnlySpan<T> items) => new([.. items]);

    /// <summary>A list of <paramref name="items"/>.</summary>
    public static ValueList<T> Of<T>(params T[] items) => new([.. items]);
}
