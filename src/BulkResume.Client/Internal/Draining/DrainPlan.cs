using BulkResume.Internal.Http;

namespace BulkResume.Internal.Draining;

/// <summary>
/// How a concurrent drain cuts a <see cref="ResumeFilter"/> into its first disjoint parts. Explicit ids: chunks of the
/// page size, in order, never split. Criteria: one failure-time range, the caller's own capped at the moment the drain
/// starts (entries that fail later are left for another run), split as it answers full pages.
/// </summary>
internal sealed class DrainPlan
{
    private readonly IReadOnlyList<DrainPart> _parts;
    private readonly IPartSplitter? _splitter;
    private readonly Func<IReadOnlyList<Exception>, Exception> _describeFailure;
    private readonly WorkflowPipeline _pipeline;

    private DrainPlan(WorkflowPipeline pipeline, IReadOnlyList<DrainPart> parts, IPartSplitter? splitter, Func<IReadOnlyList<Exception>, Exception> describeFailure)
    {
        _pipeline = pipeline;
        _parts = parts;
        _splitter = splitter;
        _describeFailure = describeFailure;
    }

    /// <param name="filter">The selection, validated by the caller.</param>
    /// <param name="chunkSize">Ids per request.</param>
    /// <param name="pipeline">Sends the listing that guides the splits; its clock gives the cut-off.</param>
    /// <param name="listPath">The DLQ listing's path.</param>
    public static DrainPlan For(ResumeFilter filter, int chunkSize, WorkflowPipeline pipeline, string listPath)
    {
        if (filter.HasDlqIds)
        {
            var chunks = new List<IdRangePart>();
            for (var offset = 0; offset < filter.DlqIds.Length; offset += chunkSize)
            {
                chunks.Add(new IdRangePart(filter.DlqIds.AsSpan(offset, Math.Min(chunkSize, filter.DlqIds.Length - offset)).ToArray(), offset));
            }

            return new DrainPlan(pipeline, chunks, splitter: null, failures => IdDrainFailure.Describe(chunks, failures));
        }

        var cutOff = pipeline.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var to = Math.Min(filter.ToDateMilliseconds ?? long.MaxValue, cutOff);
        if (filter.FromDateMilliseconds > to)
        {
            return new DrainPlan(pipeline, [], splitter: null, static failures => failures[0]);
        }

        var whole = new TimeRangePart(filter.FromDateMilliseconds, to);
        return new DrainPlan(pipeline, [whole], new FailureTimeSplitter(pipeline, listPath, filter, whole), static failures => failures[0]);
    }

    /// <summary>A drain of this plan's parts; a plan is drained once.</summary>
    public ConcurrentDrain<T> CreateDrain<T>(int workers, Func<DrainPart, string?, CancellationToken, Task<PartPage<T>>> fetch, string path) =>
        new(workers, _parts, fetch, _splitter, _pipeline.RateLimits, _describeFailure, _pipeline.Logger, path);
}
