using BulkResume.Internal.Http;
using BulkResume.Internal.Operations;

namespace BulkResume.Internal.Draining;

/// <summary>How a concurrent drain cuts a <see cref="ResumeFilter"/> into its first disjoint parts.</summary>
/// <remarks>
/// Explicit ids: chunks of the page size, in order, never split. Criteria: one failure-time range, the caller's own,
/// split as it answers full pages; its top part passes once more after every other part, so that the drain takes what a
/// cursor loop would.
/// </remarks>
internal sealed class DrainPlan
{
    private readonly IReadOnlyList<DrainPart> _parts;
    private readonly IPartSplitter? _splitter;
    private readonly Func<IReadOnlyList<Exception>, Exception> _describeFailure;
    private readonly WorkflowPipeline _pipeline;
    private readonly int _workers;

    private DrainPlan(WorkflowPipeline pipeline, int workers, IReadOnlyList<DrainPart> parts, IPartSplitter? splitter, Func<IReadOnlyList<Exception>, Exception> describeFailure)
    {
        _pipeline = pipeline;
        _workers = workers;
        _parts = parts;
        _splitter = splitter;
        _describeFailure = describeFailure;
    }

    /// <param name="filter">The selection, validated by the caller.</param>
    /// <param name="chunkSize">Ids per request; by criteria, the least a split makes a piece.</param>
    /// <param name="pipeline">Sends the listings that guide the splits.</param>
    /// <param name="listPath">The DLQ listing's path.</param>
    /// <param name="workers">The requests the drain keeps in flight, at least 2.</param>
    public static DrainPlan For(ResumeFilter filter, int chunkSize, WorkflowPipeline pipeline, string listPath, int workers)
    {
        if (filter.HasDlqIds)
        {
            var chunks = new List<IdRangePart>();
            for (var offset = 0; offset < filter.DlqIds.Length; offset += chunkSize)
            {
                chunks.Add(new IdRangePart(filter.DlqIds.AsSpan(offset, Math.Min(chunkSize, filter.DlqIds.Length - offset)).ToArray(), offset));
            }

            return new DrainPlan(pipeline, workers, chunks, splitter: null, failures => ActionOutcome.OfIdDrain(chunks, failures));
        }

        if (filter.FromDateMilliseconds > filter.ToDateMilliseconds)
        {
            return new DrainPlan(pipeline, workers, [], splitter: null, static failures => failures[0]);
        }

        // No cut-off at any clock: the whole selection, as a cursor loop sees it, with the top part passing last.
        var whole = new TimeRangePart(filter.FromDateMilliseconds, filter.ToDateMilliseconds, holdsTop: true);
        return new DrainPlan(pipeline, workers, [whole], new FailureTimeSplitter(pipeline, listPath, filter, whole, workers, chunkSize), static failures => failures[0]);
    }

    /// <summary>A drain of this plan's parts; a plan is drained once.</summary>
    public ConcurrentDrain<T> CreateDrain<T>(Func<DrainPart, string?, CancellationToken, Task<PartPage<T>>> fetch, string path) =>
        new(_workers, _parts, fetch, _splitter, _pipeline.RateLimits, _describeFailure, _pipeline.Logger, path);
}
