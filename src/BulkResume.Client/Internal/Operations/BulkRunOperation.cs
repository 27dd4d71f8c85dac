using BulkResume.Internal.Diagnostics;
using BulkResume.Internal.Draining;
using BulkResume.Internal.Http;
using BulkResume.Internal.Paging;
using BulkResume.Internal.Wire;

namespace BulkResume.Internal.Operations;

/// <summary>
/// A bulk operation that turns DLQ entries into new runs (bulk resume, bulk restart), one bounded request per page
/// addressed by a <see cref="SelectionPager"/>: cursors for criteria, chunks of at most
/// <see cref="ResumeOptions.MaxPageSize"/> for explicit ids.
/// </summary>
/// <remarks>
/// With <see cref="ResumeOptions.MaxConcurrency"/> above 1, a <see cref="ConcurrentDrain{T}"/> pages disjoint parts of
/// the selection side by side.
/// </remarks>
internal sealed class BulkRunOperation
{
    private readonly WorkflowPipeline _pipeline;
    private readonly string _path;
    private readonly string _listPath;
    private readonly ResumeFilter _filter;
    private readonly SelectionPager _pager;
    private readonly RunOverrides _overrides;
    private readonly IdPageSender _idPages;
    private readonly string _operationName;
    private readonly ActionOutcome _outcome;

    /// <param name="pipeline">Sends the requests.</param>
    /// <param name="operationName">The name of the operation's trace span, e.g. <c>BulkResume</c>.</param>
    /// <param name="path">The operation's path, e.g. <c>/v2/workflows/dlq/resume</c>.</param>
    /// <param name="idsPath">The operation's endpoint for explicit ids, which takes them in a JSON body; null to send them as repeated <c>dlqIds</c> on <paramref name="path"/>.</param>
    /// <param name="listPath">The DLQ listing's path, which a concurrent drain reads to guide its splits.</param>
    /// <param name="filter">The selection, validated by the caller.</param>
    /// <param name="overrides">The validated overrides and page size.</param>
    public BulkRunOperation(WorkflowPipeline pipeline, string operationName, string path, string? idsPath, string listPath, ResumeFilter filter, RunOverrides overrides)
    {
        _pipeline = pipeline;
        _operationName = operationName;
        _path = path;
        _listPath = listPath;
        _filter = filter;
        _pager = new SelectionPager(HttpMethod.Post, path, filter, ResumeOptions.MaxPageSize, idsPath);
        _overrides = overrides;
        _idPages = new IdPageSender(_pager, overrides.DlqIdsProgress, overrides.SkipMissingDlqIds, pipeline.Logger, path);
        _outcome = ActionOutcome.TakingEntries(pipeline, overrides.OnUnknownOutcome);
    }

    public AsyncPageable<ResumedRun> ToPageable(CancellationToken cancellationToken) =>
        _overrides.MaxConcurrency is > 1 and var workers
            ? new ConcurrentAsyncPageable<ResumedRun>(hint => CreateDrain(workers, hint), ResumeOptions.MaxPageSize, cancellationToken, _operationName, _overrides.GracefulStop)
            : new DelegatingAsyncPageable<ResumedRun>(FetchPageAsync, ResumeOptions.MaxPageSize, cancellationToken, _operationName, _overrides.GracefulStop);

    private ConcurrentDrain<ResumedRun> CreateDrain(int workers, int? pageSizeHint)
    {
        // A part's page counts as full only against a count we sent, so a drain always sends one.
        var count = _overrides.PageSizeFor(pageSizeHint) ?? ResumeOptions.MaxPageSize;
        return DrainPlan.For(_filter, count, _pipeline, _listPath, workers)
            .CreateDrain((part, cursor, token) => FetchPartAsync(part, cursor, count, token), _path);
    }

    private async Task<Page<ResumedRun>> FetchPageAsync(string? continuationToken, int? pageSizeHint, CancellationToken cancellationToken)
    {
        var page = _pager.CreatePage(continuationToken, _overrides.PageSizeFor(pageSizeHint));
        var (runs, cursor) = await SendAsync(page, cancellationToken).ConfigureAwait(false);
        var nextToken = page.NextToken(cursor);
        Log.PageCompleted(_pipeline.Logger, page.Request.Path, runs.Length, page.PageSize, page.Token, nextToken);
        return Page<ResumedRun>.FromValues(runs, nextToken);
    }

    private async Task<PartPage<ResumedRun>> FetchPartAsync(DrainPart part, string? cursor, int count, CancellationToken cancellationToken)
    {
        var page = _pager.CreatePage(part, cursor, count);
        var (runs, answerCursor) = await SendAsync(page, cancellationToken).ConfigureAwait(false);
        var nextCursor = page.ByIds || string.IsNullOrEmpty(answerCursor) ? null : answerCursor;
        Log.PartPageCompleted(_pipeline.Logger, page.Request.Path, part.Label, runs.Length, count, cursor, nextCursor);
        return new PartPage<ResumedRun>(runs, runs.Length, nextCursor, Full: runs.Length >= count);
    }

    private Task<(ResumedRun[] Runs, string? Cursor)> SendAsync(SelectionPage page, CancellationToken cancellationToken) =>
        page.ByIds ? _idPages.SendAsync(page, ([], null), SendRequestAsync, cancellationToken) : SendRequestAsync(page, cancellationToken);

    private async Task<(ResumedRun[] Runs, string? Cursor)> SendRequestAsync(SelectionPage page, CancellationToken cancellationToken)
    {
        var request = page.Request;
        _overrides.ApplyTo(request);
        var answer = await _outcome.SendPageAsync(page, WorkflowJsonContext.Default.BulkResumeResponseWire, cancellationToken).ConfigureAwait(false);
        var runs = ToRuns(answer);
        _pipeline.Telemetry.RunsResumed.Add(runs.Length, new KeyValuePair<string, object?>("url.template", request.Route));
        return (runs, answer.Cursor);
    }

    private static ResumedRun[] ToRuns(BulkResumeResponseWire answer)
    {
        var runs = answer.WorkflowRuns;
        if (runs is null || runs.Count == 0)
        {
            return [];
        }

        var result = new ResumedRun[runs.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = runs[i].ToModel();
        }

        return result;
    }
}
