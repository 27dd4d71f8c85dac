using BulkResume.Internal.Diagnostics;
using BulkResume.Internal.Http;
using BulkResume.Internal.Wire;

namespace BulkResume.Internal.Operations;

/// <summary>
/// A bulk operation that turns DLQ entries into new runs (bulk resume, bulk restart), one bounded request per page
/// addressed by a <see cref="SelectionPager"/>: cursors for criteria, chunks of at most
/// <see cref="ResumeOptions.MaxPageSize"/> for explicit ids.
/// </summary>
internal sealed class BulkRunOperation
{
    private readonly WorkflowPipeline _pipeline;
    private readonly string _path;
    private readonly SelectionPager _pager;
    private readonly RunOverrides _overrides;
    private readonly string _operationName;

    /// <param name="pipeline">Sends the requests.</param>
    /// <param name="operationName">The name of the operation's trace span, e.g. <c>BulkResume</c>.</param>
    /// <param name="path">The operation's path, e.g. <c>/v2/workflows/dlq/resume</c>.</param>
    /// <param name="filter">The selection, validated by the caller.</param>
    /// <param name="overrides">The validated overrides and page size.</param>
    public BulkRunOperation(WorkflowPipeline pipeline, string operationName, string path, ResumeFilter filter, RunOverrides overrides)
    {
        _pipeline = pipeline;
        _operationName = operationName;
        _path = path;
        _pager = new SelectionPager(HttpMethod.Post, path, filter, ResumeOptions.MaxPageSize);
        _overrides = overrides;
    }

    public AsyncPageable<ResumedRun> ToPageable(CancellationToken cancellationToken) =>
        new Paging.DelegatingAsyncPageable<ResumedRun>(FetchPageAsync, ResumeOptions.MaxPageSize, cancellationToken, _operationName);

    private async Task<Page<ResumedRun>> FetchPageAsync(string? continuationToken, int? pageSizeHint, CancellationToken cancellationToken)
    {
        var page = _pager.CreatePage(continuationToken, _overrides.PageSizeFor(pageSizeHint));
        var request = page.Request;
        _overrides.ApplyTo(request);

        var answer = await page.SendAsync(_pipeline, WorkflowJsonContext.Default.BulkResumeResponseWire, cancellationToken).ConfigureAwait(false);

        // With ids, a lost attempt that was applied makes the retry answer 404 (the pipeline throws); with criteria, report it.
        if (request.EarlierAttemptMayHaveApplied && !page.ByIds)
        {
            Log.OutcomeUnknown(_pipeline.Logger, request.Method.Method, _path, page.Token, 0);
            _overrides.OnUnknownOutcome?.Invoke(new UnknownResumeOutcome(_path, page.Token, page.PageSize ?? ResumeOptions.MaxPageSize));
        }

        var runs = ToRuns(answer);
        var nextToken = page.NextToken(answer.Cursor);
        _pipeline.Telemetry.RunsResumed.Add(runs.Length, new KeyValuePair<string, object?>("url.template", request.Route));
        Log.PageCompleted(_pipeline.Logger, _path, runs.Length, page.PageSize, page.Token, nextToken);
        return Page<ResumedRun>.FromValues(runs, nextToken);
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
