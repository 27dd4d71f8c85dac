using BulkResume.Engine.Model;

namespace BulkResume.Engine.Storage;

/// <summary>
/// The keyset position of a DLQ entry: entries are ordered by <see cref="CreatedAt"/> (failure time),
/// then by <see cref="DlqId"/> (ordinal), so every entry has one place in the order.
/// </summary>
public readonly struct DlqKey : IComparable<DlqKey>, IEquatable<DlqKey>
{
    /// <summary>Creates a position.</summary>
    /// <param name="createdAt">When the entry entered the DLQ.</param>
    /// <param name="dlqId">The entry's id.</param>
    public DlqKey(DateTimeOffset createdAt, string dlqId)
    {
        ArgumentNullException.ThrowIfNull(dlqId);
        CreatedAt = createdAt;
        DlqId = dlqId;
    }

    /// <summary>When the entry entered the DLQ.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>The entry's id.</summary>
    public string DlqId { get; }

    /// <summary>The position of <paramref name="entry"/>.</summary>
    /// <param name="entry">A DLQ entry.</param>
    /// <returns>The entry's keyset position.</returns>
    public static DlqKey Of(DlqEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new DlqKey(entry.CreatedAt, entry.DlqId);
    }

    /// <summary>Whether two positions are the same.</summary>
    /// <param name="left">A position.</param>
    /// <param name="right">Another position.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public static bool operator ==(DlqKey left, DlqKey right) => left.Equals(right);

    /// <summary>Whether two positions differ.</summary>
    /// <param name="left">A position.</param>
    /// <param name="right">Another position.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(DlqKey left, DlqKey right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(DlqKey other) => CompareTo(other) == 0;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is DlqKey other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(CreatedAt.UtcTicks, DlqId);

    /// <inheritdoc/>
    public int CompareTo(DlqKey other)
    {
        int byTime = CreatedAt.UtcTicks.CompareTo(other.CreatedAt.UtcTicks);
        return byTime != 0 ? byTime : string.CompareOrdinal(DlqId, other.DlqId);
    }
}
