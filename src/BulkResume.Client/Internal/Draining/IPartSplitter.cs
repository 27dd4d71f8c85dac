namespace BulkResume.Internal.Draining;

/// <summary>Cuts a part of a <see cref="ConcurrentDrain{T}"/> that holds more than its share of what is left into smaller disjoint ones.</summary>
internal interface IPartSplitter
{
    /// <summary>Called once when the drain starts: a splitter may begin learning about the selection meanwhile.</summary>
    void Start(CancellationToken cancellationToken);

    /// <summary>
    /// The part, which has just answered a full page, in disjoint parts that together are exactly it, lowest first (it
    /// goes on as the first), or the part alone when it can't or needn't be cut.
    /// </summary>
    ValueTask<IReadOnlyList<DrainPart>> SplitAsync(DrainPart part, DrainLoad load, CancellationToken cancellationToken);
}

/// <summary>What a drain is doing when a part answers a full page: what a split shares the work among.</summary>
/// <param name="Workers">The drain's workers.</param>
/// <param name="Idle">Workers with no part to page and none waiting for them (an estimate).</param>
/// <param name="Others">The other parts being paged or waiting for a worker.</param>
internal readonly record struct DrainLoad(int Workers, int Idle, IReadOnlyList<DrainPart> Others);
