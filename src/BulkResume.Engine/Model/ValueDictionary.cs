using System.Collections.ObjectModel;

namespace BulkResume.Engine.Model;

/// <summary>A read-only header map equal to another with the same names (case-insensitive) and values.</summary>
internal sealed class ValueDictionary(Dictionary<string, IReadOnlyList<string>> headers)
    : ReadOnlyDictionary<string, IReadOnlyList<string>>(headers)
{
    public override bool Equals(object? obj)
    {
        if (ReferenceEquals(this, obj))
        {
            return true;
        }

        if (obj is not IReadOnlyDictionary<string, IReadOnlyList<string>> other || other.Count != Count)
        {
            return false;
        }

        foreach (KeyValuePair<string, IReadOnlyList<string>> header in this)
        {
            if (!other.TryGetValue(header.Key, out IReadOnlyList<string>? values) || !header.Value.SequenceEqual(values))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode()
    {
        // Order-independent, and case-insensitive like the keys.
        int hash = Count;
        foreach (KeyValuePair<string, IReadOnlyList<string>> header in this)
        {
            hash ^= StringComparer.OrdinalIgnoreCase.GetHashCode(header.Key) ^ header.Value.GetHashCode();
        }

        return hash;
    }
}
