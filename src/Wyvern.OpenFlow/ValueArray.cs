using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace Wyvern.OpenFlow;

/// <summary>
/// An immutable array compared by content, so records that hold lists of
/// actions, instructions or payload bytes are value-equal. Enumerating it
/// with foreach allocates nothing (the encode path relies on that).
/// </summary>
[CollectionBuilder(typeof(ValueArray), nameof(ValueArray.Create))]
public readonly struct ValueArray<T> : IEquatable<ValueArray<T>>, IReadOnlyList<T>
{
    private readonly ImmutableArray<T> _items;

    public ValueArray(ImmutableArray<T> items)
    {
        _items = items.IsDefault ? [] : items;
    }

    /// <summary>The items as a span.</summary>
    public ReadOnlySpan<T> Span => _items.IsDefault ? default : _items.AsSpan();

    /// <summary>Number of items.</summary>
    public int Count => _items.IsDefault ? 0 : _items.Length;

    /// <summary>True when there are no items.</summary>
    public bool IsEmpty => Count == 0;

    public T this[int index] => _items[index];

    public static implicit operator ValueArray<T>(T[] items) => new(ImmutableArray.Create(items));

    public static implicit operator ValueArray<T>(ImmutableArray<T> items) => new(items);

    public static bool operator ==(ValueArray<T> left, ValueArray<T> right) => left.Equals(right);

    public static bool operator !=(ValueArray<T> left, ValueArray<T> right) => !left.Equals(right);

    /// <summary>Allocation-free enumerator.</summary>
    public ImmutableArray<T>.Enumerator GetEnumerator() => (_items.IsDefault ? [] : _items).GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)(_items.IsDefault ? [] : _items)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<T>)this).GetEnumerator();

    public bool Equals(ValueArray<T> other) => Span.SequenceEqual(other.Span, EqualityComparer<T>.Default);

    public override bool Equals(object? obj) => obj is ValueArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in Span)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => this is ValueArray<byte> bytes
        ? Convert.ToHexString(bytes.Span)
        : "[" + string.Join(", ", _items.IsDefault ? [] : _items) + "]";
}

/// <summary>Factory for <see cref="ValueArray{T}"/> (collection expressions).</summary>
public static class ValueArray
{
    /// <summary>Creates a value array holding a copy of <paramref name="items"/>.</summary>
    public static ValueArray<T> Create<T>(ReadOnlySpan<T> items) => new(ImmutableArray.Create(items));
}
