using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using BulkResume.Internal.Diagnostics;
using BulkResume.Internal.Http;
using BulkResume.Internal.Validation;
using BulkResume.Internal.Wire;

namespace BulkResume.Internal.Operations;

/// <summary>
/// Starting runs: one by <c>POST /v2/trigger/{workflowUrl}</c> (the payload as the body, the settings as headers), many
/// by <c>POST /v2/batch/trigger</c> (each run's URL, headers and payload as an item of a JSON array), in order, in
/// requests of at most <see cref="WorkflowTriggerRequest.MaxPerRequest"/>, one at a time.
/// </summary>
/// <remarks>
/// Every run goes out with a run id, the caller's or one made here, so a trigger is idempotent on the service's side
/// (one run per id, a repeat answered as deduplicated): the client's retries after a lost answer are safe, and a trigger
/// left in doubt names the runs to look for. Every request is checked before the first is sent.
/// </remarks>
internal sealed class TriggerOperation
{
    private const string TriggerPath = "/v2/trigger/";
    private const string BatchPath = "/v2/batch/trigger";
    private const string RunIdPrefix = "wfr_";
    private const string RunIdAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-";

    private readonly WorkflowPipeline _pipeline;
    private readonly ActionOutcome _outcome;

    public TriggerOperation(WorkflowPipeline pipeline)
    {
        _pipeline = pipeline;
        _outcome = ActionOutcome.OnRuns(pipeline);
    }

    /// <summary>The request checked and its headers formatted: what is sent, and the run id it is sent with.</summary>
    /// <param name="Request">The caller's request.</param>
    /// <param name="RunId">The caller's run id, or the one made for it.</param>
    /// <param name="Headers">The headers, in the order sent; <c>Content-Type</c> not among them.</param>
    private sealed record Checked(WorkflowTriggerRequest Request, string RunId, IReadOnlyList<KeyValuePair<string, string>> Headers);

    /// <summary>Starts one run.</summary>
    /// <param name="request">The caller's request.</param>
    /// <param name="parameterName">The caller's parameter.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    /// <exception cref="ArgumentException">The request breaks a rule; nothing was sent.</exception>
    public Task<TriggeredRun> TriggerAsync(WorkflowTriggerRequest request, string parameterName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request, parameterName);
        var run = Check(request, "WorkflowTriggerRequest.", parameterName, inBatch: false);
        return SendOneAsync(run, cancellationToken);
    }

    /// <summary>Starts many runs, in order.</summary>
    /// <param name="requests">The caller's requests.</param>
    /// <param name="parameterName">The caller's parameter.</param>
    /// <param name="cancellationToken">Stops between requests and aborts the request in flight.</param>
    /// <exception cref="ArgumentException">The list is empty, or a request breaks a rule (the message gives its index); nothing was sent.</exception>
    public Task<IReadOnlyList<TriggeredRun>> TriggerAsync(IEnumerable<WorkflowTriggerRequest> requests, string parameterName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests, parameterName);
        var runs = new List<Checked>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            var index = runs.Count;
            var prefix = string.Create(CultureInfo.InvariantCulture, $"{parameterName}[{index}].");
            if (request is null)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The trigger request at index {index} is null. Pass a WorkflowTriggerRequest for each run to start."), parameterName);
            }

            var run = Check(request, prefix, parameterName, inBatch: true);
            if (!seen.TryAdd(run.RunId, index))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"{prefix}WorkflowRunId ({run.RunId}) is the run id of the request at index {seen[run.RunId]} too: the service would start one run and answer the other as deduplicated. Give each request its own run id, or leave it null for one the client makes."),
                    parameterName);
            }

            runs.Add(run);
        }

        if (runs.Count == 0)
        {
            throw new ArgumentException("The list of trigger requests is empty. Pass at least one WorkflowTriggerRequest.", parameterName);
        }

        return SendAllAsync(runs, cancellationToken);
    }

    private async Task<TriggeredRun> SendOneAsync(Checked run, CancellationToken cancellationToken)
    {
        var request = new WorkflowRequest(HttpMethod.Post, TriggerPath + run.Request.WorkflowUrl.AbsoluteUri)
        {
            Route = TriggerPath + "{workflowUrl}",
            Body = run.Request.Body?.Content,
            BodyContentType = run.Request.Body?.ContentType,
        };
        request.Headers.AddRange(run.Headers);
        var (answer, _) = await _outcome.SendReportingAsync(request, chunk: null, [run.RunId], WorkflowJsonContext.Default.TriggerResponseWire, cancellationToken).ConfigureAwait(false);
        var triggered = answer.ToModel(run.RunId);
        Log.RunsTriggered(_pipeline.Logger, request.Route, 1, triggered.Deduplicated ? 1 : 0);
        return triggered;
    }

    private async Task<IReadOnlyList<TriggeredRun>> SendAllAsync(List<Checked> runs, CancellationToken cancellationToken)
    {
        var ids = runs.Select(run => run.RunId).ToImmutableArray();
        var triggered = new List<TriggeredRun>(runs.Count);
        string? token = null;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = IdChunk.At(ids, token, WorkflowTriggerRequest.MaxPerRequest);
            var items = runs.GetRange(chunk.Offset, chunk.Ids.Length).ConvertAll(ToBatchItem);
            var request = new WorkflowRequest(HttpMethod.Post, BatchPath)
            {
                Body = JsonSerializer.SerializeToUtf8Bytes(items, WorkflowJsonContext.Default.ListBatchTriggerItemWire),
            };
            var (answer, _) = await _outcome.SendReportingAsync(request, chunk, inDoubt: null, WorkflowJsonContext.Default.ListTriggerResponseWire, cancellationToken).ConfigureAwait(false);
            if (answer.Count != chunk.Ids.Length)
            {
                // A success that does not say which runs it started: they may all have been.
                throw new OutcomeUnknownException(
                    201,
                    string.Create(CultureInfo.InvariantCulture, $"The service answered {answer.Count} runs for the {chunk.Ids.Length} triggers of the request."),
                    request.Method.Method,
                    request.Path,
                    chunk.Ids,
                    chunk.Before,
                    chunk.After,
                    innerException: null);
            }

            for (var i = 0; i < answer.Count; i++)
            {
                triggered.Add(answer[i].ToModel(chunk.Ids[i]));
            }

            Log.RunsTriggered(_pipeline.Logger, BatchPath, answer.Count, answer.Count(run => run.Deduplicated));
            token = chunk.NextToken;
        }
        while (token is not null);

        return triggered;
    }

    /// <summary>A run of a list: the URL as the destination, the headers a single trigger sends with its <c>Content-Type</c>, and the payload as text.</summary>
    private static BatchTriggerItemWire ToBatchItem(Checked run)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (run.Request.Body is { } body)
        {
            headers["Content-Type"] = body.ContentType;
        }

        foreach (var (name, value) in run.Headers)
        {
            headers[name] = value;
        }

        return new BatchTriggerItemWire
        {
            Destination = run.Request.WorkflowUrl.AbsoluteUri,
            Headers = headers,
            Body = run.Request.Body?.TryGetText(),
        };
    }

    /// <summary>Checks a request and formats its headers.</summary>
    /// <param name="request">The caller's request.</param>
    /// <param name="option">How the messages name its properties: <c>WorkflowTriggerRequest.</c>, or <c>requests[3].</c> in a list.</param>
    /// <param name="parameterName">The caller's parameter.</param>
    /// <param name="inBatch">Whether it goes in a list, which carries the URL and the payload in JSON.</param>
    private static Checked Check(WorkflowTriggerRequest request, string option, string parameterName, bool inBatch)
    {
        CheckUrl(request.WorkflowUrl, option + "WorkflowUrl", parameterName, inBatch);
        if (inBatch && request.Body is { } body && body.TryGetText() is null)
        {
            throw new ArgumentException(
                $"{option}Body is not valid UTF-8 text: a list of triggers carries each payload as a JSON string. Trigger this run alone with RunsClient.TriggerAsync(WorkflowTriggerRequest), which sends the bytes as they are.",
                parameterName);
        }

        var runId = request.WorkflowRunId;
        if (runId is null)
        {
            runId = RunIdPrefix + RandomNumberGenerator.GetString(RunIdAlphabet, 21);
        }
        else
        {
            WireText.EnsureListValue(runId, parameterName, option + "WorkflowRunId", "a run id such as wfr_order-42, or null for one the client makes", "A run id with a comma could not be named in a cancel by ids later.");
            WireText.EnsureAscii(runId, parameterName, option + "WorkflowRunId");
        }

        var headers = new List<KeyValuePair<string, string>> { new("Upstash-Workflow-RunId", runId) };
        if (request.Retries is { } retries)
        {
            headers.Add(new("Upstash-Retries", RunSettingRules.Retries(retries, option + "Retries", parameterName, "take the service's default (3)")));
        }

        if (request.RetryDelay is { } retryDelay)
        {
            RetryDelayExpression.Ensure(retryDelay, parameterName, option + "RetryDelay", "use the service's exponential backoff");
            headers.Add(new("Upstash-Retry-Delay", retryDelay));
        }

        if (request.Delay is not null && request.NotBefore is not null)
        {
            throw new ArgumentException(
                $"{option}Delay and {option}NotBefore are both set: the service would take NotBefore and ignore Delay. Set one of them.",
                parameterName);
        }

        if (request.Delay is { } delay)
        {
            headers.Add(new("Upstash-Delay", RunSettingRules.Delay(delay, option + "Delay", parameterName)));
        }

        if (request.NotBefore is { } notBefore)
        {
            headers.Add(new("Upstash-Not-Before", NotBeforeSeconds(notBefore, option + "NotBefore", parameterName).ToString(CultureInfo.InvariantCulture)));
        }

        if (request.Labels is { } labels)
        {
            headers.Add(new("Upstash-Label", RunSettingRules.Labels(labels, option + "Labels", parameterName, "give at least one label, or leave it null for a run without labels.", "a label for the run")));
        }

        if (request.FlowControl is { } flowControl)
        {
            headers.Add(new("Upstash-Flow-Control-Key", flowControl.Key));
            headers.Add(new("Upstash-Flow-Control-Value", flowControl.HeaderValue));
        }

        if (request.FailureCallbackUrl is { } callback)
        {
            headers.Add(new("Upstash-Failure-Callback", RunSettingRules.FailureCallback(callback, option + "FailureCallbackUrl", parameterName, "call the workflow's own failure function")));
        }

        foreach (var (name, value) in request.Headers.OrderBy(header => header.Key, StringComparer.OrdinalIgnoreCase))
        {
            headers.Add(new("Upstash-Forward-" + CheckHeader(name, value, option, parameterName), value));
        }

        return new Checked(request, runId, headers);
    }

    /// <summary>An absolute http or https URL, with neither user information nor fragment; in a path, without a query.</summary>
    private static void CheckUrl(Uri url, string option, string parameterName, bool inBatch)
    {
        const string Expected = "the workflow endpoint's absolute http or https URL, such as https://example.com/api/workflow";
        var problem = !url.IsAbsoluteUri || !WorkflowClientOptions.IsHttp(url) ? "is not an absolute http or https URL"
            : url.UserInfo.Length > 0 ? "has user information, which would end up in logs and error messages; pass credentials in a forwarded header (WorkflowTriggerRequest.Headers) instead"
            : url.Fragment.Length > 0 ? "has a fragment, which is never sent over HTTP; remove it"
            : !inBatch && url.Query.Length > 0 ? "has a query, which a single trigger would send as its own (the URL goes in the request's path); trigger it in a list, RunsClient.TriggerAsync(IEnumerable<WorkflowTriggerRequest>), which carries the URL in the body"
            : null;
        if (problem is not null)
        {
            throw new ArgumentException($"{option} {problem}. Pass {Expected}.", parameterName);
        }
    }

    /// <summary>A forwarded header: its name an HTTP token other than <c>Content-Type</c>, its value ASCII without control characters.</summary>
    /// <returns>The name.</returns>
    private static string CheckHeader(string name, string value, string option, string parameterName)
    {
        var subject = $"{option}Headers[\"{name}\"]";
        if (string.IsNullOrWhiteSpace(name) || name.Any(c => !IsTokenChar(c)))
        {
            throw new ArgumentException(
                $"{subject}: the header name is blank or not an HTTP token. Use letters, digits and !#$%&'*+-.^_`|~ only, such as X-Tenant-Id.",
                parameterName);
        }

        if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"{subject}: the payload's Content-Type is the body's. Set it on the payload, WorkflowPayload.FromString(text, contentType) or FromBytes(bytes, contentType), and remove this header.",
                parameterName);
        }

        WireText.EnsureValue(value, parameterName, subject, "the header's value, or remove the header");
        WireText.EnsureAscii(value, parameterName, subject);
        return name;
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);

    /// <summary>Unix seconds, rounded up so the first delivery is never earlier than asked.</summary>
    private static long NotBeforeSeconds(DateTimeOffset notBefore, string option, string parameterName)
    {
        if (notBefore < DateTimeOffset.UnixEpoch)
        {
            throw new ArgumentOutOfRangeException(parameterName, notBefore, $"{option} is before 1970-01-01 (Unix time 0), which the header can't carry. Pass a time in the future, or null to deliver at once.");
        }

        var ticks = (notBefore - DateTimeOffset.UnixEpoch).Ticks;
        return (ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;
    }
}
