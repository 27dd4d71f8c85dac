using System.Globalization;
using BulkResume.Engine.Http.Parsing;
using BulkResume.Engine.Http.Routing;
using BulkResume.Engine.Http.Wire;
using BulkResume.Engine.Resume;
using BulkResume.Engine.Selection;

namespace BulkResume.Engine.Http.Endpoints;

/// <summary>
/// The DLQ entries that leave as new runs: <c>POST /v2/workflows/dlq/resume</c> and <c>POST /v2/workflows/dlq/restart</c>
/// (bulk, by ids or by filter), the same paths with <c>/multi</c> (ids in a JSON body) and with <c>/{dlqId}</c> (one
/// entry), overrides in headers.
/// </summary>
/// <remarks>
/// It reads the override headers, for itself and for the async bulk actions that resume or restart. <c>/multi</c> is a literal segment, so it is
/// never read as a DLQ id; an entry whose id is <c>multi</c> is resumed by the bulk path's <c>dlqIds</c>.
/// </remarks>
internal sealed class ResumeEndpoint(DlqEngine engine)
{
    public const string ResumePath = "/v2/workflows/dlq/resume";
    public const string RestartPath = "/v2/workflows/dlq/restart";

    /// <summary>The last segment of the endpoints that take the ids in a JSON body.</summary>
    public const string MultiSegment = "/multi";

    private const string ValueFormat = "parallelism=<n>, rate=<n>, period=<duration> (any of them, each once; period like 60, 60s, 5m, 1h or 1d)";

    public void MapTo(DlqRouteTable routes) => routes
        .Map("POST", ResumePath, AllowedParameters.For(SelectionOperations.Resume), (request, _, cancellationToken) => BulkAsync(engine.BulkResumeAsync, SelectionOperations.Resume, request, cancellationToken))
        .Map("POST", ResumePath + "/{dlqId}", AllowedParameters.None, (request, values, cancellationToken) => OneAsync(engine.ResumeAsync, request, values, cancellationToken))
        .Map("POST", ResumePath + MultiSegment, AllowedParameters.None, (request, _, cancellationToken) => ByIdsAsync(engine.BulkResumeAsync, "POST " + ResumePath + MultiSegment, request, cancellationToken))
        .Map("POST", RestartPath, AllowedParameters.For(SelectionOperations.Restart), (request, _, cancellationToken) => BulkAsync(engine.BulkRestartAsync, SelectionOperations.Restart, request, cancellationToken))
        .Map("POST", RestartPath + MultiSegment, AllowedParameters.None, (request, _, cancellationToken) => ByIdsAsync(engine.BulkRestartAsync, "POST " + RestartPath + MultiSegment, request, cancellationToken))
        .Map("POST", RestartPath + "/{dlqId}", AllowedParameters.None, (request, values, cancellationToken) => OneAsync(engine.RestartAsync, request, values, cancellationToken));

    private async ValueTask<DlqApiResponse> BulkAsync(
        Func<DlqSelection, string?, int?, ResumeOverrides?, CancellationToken, ValueTask<BulkResumeResult>> operation,
        SelectionOperations taking,
        DlqApiRequest request,
        CancellationToken cancellationToken)
    {
        SelectionRequest selection = BulkRequestParser.Parse(request, taking, engine.MaxBulkPageSize);
        BulkResumeResult result = await operation(
            selection.Selection, selection.Cursor, selection.Count, Overrides(request), cancellationToken).ConfigureAwait(false);
        return DlqApiResponses.Json(200, BulkResumeResponseBody.From(result), DlqApiJsonContext.Default.BulkResumeResponseBody);
    }

    /// <summary>The ids of the body, all or nothing, answered in their order (with no cursor: they are all in one call).</summary>
    private static async ValueTask<DlqApiResponse> ByIdsAsync(
        Func<DlqSelection, string?, int?, ResumeOverrides?, CancellationToken, ValueTask<BulkResumeResult>> operation,
        string endpoint,
        DlqApiRequest request,
        CancellationToken cancellationToken)
    {
        var selection = new DlqSelection { DlqIds = DlqIdsBody.Parse(request, endpoint) };
        BulkResumeResult result = await operation(selection, null, null, Overrides(request), cancellationToken).ConfigureAwait(false);
        return DlqApiResponses.Json(200, BulkResumeResponseBody.From(result), DlqApiJsonContext.Default.BulkResumeResponseBody);
    }

    private static async ValueTask<DlqApiResponse> OneAsync(
        Func<string, ResumeOverrides?, CancellationToken, ValueTask<ResumedRunResult>> operation,
        DlqApiRequest request,
        IReadOnlyDictionary<string, string> routeValues,
        CancellationToken cancellationToken)
    {
        ResumedRunResult run = await operation(routeValues["dlqId"], Overrides(request), cancellationToken).ConfigureAwait(false);
        return DlqApiResponses.Json(200, ResumedRunBody.From(run.WorkflowRunId, run.WorkflowCreatedAt), DlqApiJsonContext.Default.ResumedRunBody);
    }

    /// <summary>
    /// The override headers as <see cref="ResumeOverrides"/>: what each says, a 400 naming the header when it can't be
    /// read; what the values may be is <see cref="ResumeOverrideRules"/>'s, which the engine applies to every override.
    /// </summary>
    internal static ResumeOverrides Overrides(DlqApiRequest request)
    {
        (int? parallelism, int? rate, TimeSpan? period) = ParseFlowControlValue(request);
        return new ResumeOverrides
        {
            FlowControlKey = SingleHeader(request, ResumeOverrideRules.FlowControlKeyHeader),
            Parallelism = parallelism,
            Rate = rate,
            Period = period,
            Retries = SingleHeader(request, ResumeOverrideRules.RetriesHeader) is { } retries
                ? int.TryParse(retries, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
                    ? value
                    : throw Malformed(ResumeOverrideRules.RetriesHeader, "must be a whole number of 0 or more", retries)
                : null,
            Delay = SingleHeader(request, ResumeOverrideRules.DelayHeader) is { } delay
                ? Duration.TryParse(delay, unitRequired: true, out TimeSpan wait)
                    ? wait
                    : throw Malformed(ResumeOverrideRules.DelayHeader, "must be <value><unit> with a whole value and unit s, m, h or d (10s, 5m)", delay)
                : null,
            RetryDelay = SingleHeader(request, ResumeOverrideRules.RetryDelayHeader),
            Labels = SingleHeader(request, ResumeOverrideRules.LabelHeader)?.Split(',', StringSplitOptions.TrimEntries),
            FailureCallback = SingleHeader(request, ResumeOverrideRules.FailureCallbackHeader),
        };
    }

    private static (int? Parallelism, int? Rate, TimeSpan? Period) ParseFlowControlValue(DlqApiRequest request)
    {
        if (SingleHeader(request, ResumeOverrideRules.FlowControlValueHeader) is not { } header)
        {
            return (null, null, null);
        }

        int? parallelism = null;
        int? rate = null;
        TimeSpan? period = null;
        foreach (string part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? part : part[..equals].Trim();
            string value = equals < 0 ? string.Empty : part[(equals + 1)..].Trim();
            switch (name)
            {
                case "parallelism" when parallelism is null && TryParseWhole(value, out int p):
                    parallelism = p;
                    break;
                case "rate" when rate is null && TryParseWhole(value, out int r):
                    rate = r;
                    break;
                case "period" when period is null && Duration.TryParse(value, unitRequired: false, out TimeSpan d):
                    period = d;
                    break;
                default:
                    throw DlqEngineException.BadRequest(
                        ResumeOverrideRules.FlowControlValueHeader,
                        $"{ResumeOverrideRules.FlowControlValueHeader} must be {ValueFormat}; could not read '{part}'.");
            }
        }

        return (parallelism, rate, period);
    }

    private static bool TryParseWhole(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    /// <summary>The one value of a header, trimmed; a header given twice or blank is a 400.</summary>
    private static string? SingleHeader(DlqApiRequest request, string name)
    {
        IReadOnlyList<string> values = request.HeaderValues(name);
        if (values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1)
        {
            throw DlqEngineException.BadRequest(name, $"{name} was given {values.Count} times; give it once.");
        }

        string value = values[0].Trim();
        return value.Length > 0 ? value : throw DlqEngineException.BadRequest(name, $"{name} is blank; give a value or leave the header out.");
    }

    private static DlqEngineException Malformed(string name, string expected, string got) =>
        DlqEngineException.BadRequest(name, $"{name} {expected}; got '{got}'.");
}
