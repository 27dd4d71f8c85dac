using System.Globalization;
using BulkResume.Internal.Diagnostics;
using BulkResume.Internal.Http;
using BulkResume.Internal.Wire;

namespace BulkResume.Internal.Operations;

/// <summary>
/// A bulk operation that turns DLQ entries into new runs (bulk resume, bulk restart), one bounded request per page.
/// With criteria, pages follow the service's cursor. With explicit ids, the ids are sent in chunks of at most
/// <see cref="ResumeOptions.MaxPageSize"/>, in order, and the continuation token is <c>ids:&lt;offset&gt;</c>.
/// </summary>
internal sealed class BulkRunOperation
{
    private const string IdsTokenPrefix = "ids:";

    private readonly WorkflowPipeline _pipeline;
    private readonly string _path;
    private readonly ResumeFilter _filter;
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
        _filter = filter;
        _overrides = overrides;
    }

    public AsyncPageable<ResumedRun> ToPageable(CancellationToken cancellationToken) =>
        new Paging.DelegatingAsyncPageable<ResumedRun>(FetchPageAsync, ResumeOptions.MaxPageSize, cancellationToken, _operationName);

    private Task<Page<ResumedRun>> FetchPageAsync(string? continuationToken, int? pageSizeHint, CancellationToken cancellationToken)
    {
        var pageSize = pageSizeHint ?? _overrides.PageSize;
        return _filter.HasDlqIds
            ? FetchIdsPageAsync(ParseIdsOffset(continuationToken), pageSize ?? ResumeOptions.MaxPageSize, cancellationToken)
            : FetchCursorPageAsync(continuationToken, pageSize, cancellationToken);
    }

    private async Task<Page<ResumedRun>> FetchCursorPageAsync(string? cursor, int? count, CancellationToken cancellationToken)
    {
        var request = new WorkflowRequest(HttpMethod.Post, _path);
        _filter.AppendTo(request.Query);
        if (count is { } size)
        {
            request.Query.Add("count", size);
        }

        if (cursor is not null)
        {
            request.Query.Add("cursor", cursor);
        }

        _overrides.ApplyTo(request);
        var answer = await _pipeline.SendAsync(request, WorkflowJsonContext.Default.BulkResumeResponseWire, cancellationToken).ConfigureAwait(false);
        if (request.EarlierAttemptMayHaveApplied)
        {
            Log.OutcomeUnknown(_pipeline.Logger, request.Method.Method, _path, cursor, 0);
            _overrides.OnUnknownOutcome?.Invoke(new UnknownResumeOutcome(_path, cursor, count ?? ResumeOptions.MaxPageSize));
        }

        return Completed(request, answer, cursor, count, answer.Cursor);
    }

    private async Task<Page<ResumedRun>> FetchIdsPageAsync(int offset, int chunkSize, CancellationToken cancellationToken)
    {
        var ids = _filter.DlqIds;
        var chunk = ids.AsSpan(offset, Math.Min(chunkSize, ids.Length - offset)).ToArray();
        var request = new WorkflowRequest(HttpMethod.Post, _path) { DlqIds = chunk };
        request.Query.AddEach("dlqIds", chunk);
        _overrides.ApplyTo(request);

        var answer = await _pipeline.SendAsync(request, WorkflowJsonContext.Default.BulkResumeResponseWire, cancellationToken).ConfigureAwait(false);
        var next = offset + chunk.Length;
        var token = offset == 0 ? null : IdsTokenPrefix + offset.ToString(CultureInfo.InvariantCulture);
        return Completed(request, answer, token, chunk.Length, next < ids.Length ? IdsTokenPrefix + next.ToString(CultureInfo.InvariantCulture) : null);
    }

    private Page<ResumedRun> Completed(WorkflowRequest request, BulkResumeResponseWire answer, string? token, int? pageSize, string? nextToken)
    {
        var runs = ToRuns(answer);
        _pipeline.Telemetry.RunsResumed.Add(runs.Length, new KeyValuePair<string, object?>("url.template", request.Route));
        Log.PageCompleted(_pipeline.Logger, _path, runs.Length, pageSize, token, nextToken);
        return Page<ResumedRun>.FromValues(runs, nextToken);
    }

    private int ParseIdsOffset(string? continuationToken)
    {
        if (continuationToken is null)
        {
            return 0;
        }

        if (continuationToken.StartsWith(IdsTokenPrefix, StringComparison.Ordinal)
            && int.TryParse(continuationToken.AsSpan(IdsTokenPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            && offset < _filter.DlqIds.Length)
        {
            return offset;
        }

        throw new ArgumentException(
            "The continuation token does not belong to this list of DLQ ids. Pass a token from a page of the same ForDlqIds(...) operation, or null to start over.",
            nameof(continuationToken));
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
            result[i] = ToRun(runs[i]);
        }

        return result;
    }

    internal static ResumedRun ToRun(ResumedRunWire run) =>
        new(run.WorkflowRunId ?? string.Empty, DateTimeOffset.FromUnixTimeMilliseconds(run.WorkflowCreatedAt));
}
