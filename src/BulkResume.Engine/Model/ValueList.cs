using System.Collections;

namespace BulkResume.Engine.Model;

/// <summary>A read-only list equal to another with the same items in the same order.</summary>
internal sealed class ValueList<T>(T[] items) : IReadOnlyList<T>
{
    public int Count => items.Length;

    public T this[int index] => items[index];

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => items.GetEnumerator();

    public override bool Equals(object? obj) =>
        ReferenceEquals(this, obj) || (obj is IReadOnlyList<T> other && other.Count == items.Length && items.SequenceEqual(other));

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (T item in items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => $"[{string.Join(", ", items)}]";
}
