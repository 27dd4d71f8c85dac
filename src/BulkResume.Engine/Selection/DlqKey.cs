using BulkResume.Engine.Model;

namespace BulkResume.Engine.Selection;

/// <summary>
/// The keyset position of a DLQ entry: entries are ordered by <see cref="CreatedAt"/> (failure time),
/// then by <see cref="DlqId"/> (ordinal), so every entry has one place in the order.
/// </summary>
/// <param name="CreatedAt">When the entry entered the DLQ.</param>
/// <param name="DlqId">The entry's id.</param>
public readonly record struct DlqKey(DateTimeOffset CreatedAt, string DlqId) : IComparable<DlqKey>
{
    /// <summary>The position of <paramref name="entry"/>.</summary>
    /// <param name="entry">A DLQ entry.</param>
    /// <returns>The entry's keyset position.</returns>
    public static DlqKey Of(DlqEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new DlqKey(entry.CreatedAt, entry.DlqId);
    }

    /// <inheritdoc/>
    public int CompareTo(DlqKey other)
    {
        int byTime = CreatedAt.UtcTicks.CompareTo(other.CreatedAt.UtcTicks);
        return byTime != 0 ? byTime : string.CompareOrdinal(DlqId, other.DlqId);
    }

    /// <summary>Whether <paramref name="left"/> sorts before <paramref name="right"/>.</summary>
    /// <param name="left">A position.</param>
    /// <param name="right">Another position.</param>
    /// <returns><see langword="true"/> when left comes first.</returns>
    public static bool operator <(DlqKey left, DlqKey right) => left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> sorts after <paramref name="right"/>.</summary>
    /// <param name="left">A position.</param>
    /// <param name="right">Another position.</param>
    /// <returns><see langword="true"/> when left comes last.</returns>
    public static bool operator >(DlqKey left, DlqKey right) => left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> sorts before or at <paramref name="right"/>.</summary>
    /// <param name="left">A position.</param>
    /// <param name="right">Another position.</param>
    /// <returns><see langword="true"/> when left does not come last.</returns>
    public static bool operator <=(DlqKey left, DlqKey right) => left.CompareTo(right) <= 0;

    /// <summary>Whether <paramref name="left"/> sorts after or at <paramref name="right"/>.</summary>
    /// <param name="left">A position.</param>
    /// <param name="right">Another position.</param>
    /// <returns><see langword="true"/> when left does not come first.</returns>
    public static bool operator >=(DlqKey left, DlqKey right) => left.CompareTo(right) >= 0;
}
