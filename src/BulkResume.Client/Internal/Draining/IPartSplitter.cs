namespace BulkResume.Internal.Draining;

/// <summary>Cuts a part of a <see cref="ConcurrentDrain{T}"/> that keeps answering full pages into smaller disjoint ones.</summary>
internal interface IPartSplitter
{
    /// <summary>Called once when the drain starts: a splitter may begin learning about the selection meanwhile.</summary>
    void Start(CancellationToken cancellationToken);

    /// <summary>
    /// The part in up to <paramref name="pieces"/> disjoint parts that together are exactly it, or the part alone when
    /// it can't be cut.
    /// </summary>
    ValueTask<IReadOnlyList<DrainPart>> SplitAsync(DrainPart part, int pieces, CancellationToken cancellationToken);
}
