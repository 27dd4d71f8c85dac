namespace BulkResume;

/// <summary>
/// One workflow run to start (<see cref="RunsClient.TriggerAsync(WorkflowTriggerRequest, CancellationToken)"/>): the
/// workflow's URL, the initial payload, the headers forwarded to the workflow, and the run's settings.
/// </summary>
/// <remarks>
/// <para>What is left null takes the service's default. Everything is checked when the call is made, before anything
/// is sent; a refusal is an <see cref="ArgumentException"/> naming the property and the fix.</para>
/// Give <see cref="WorkflowRunId"/> to make the trigger idempotent: the service creates one run per id and answers a
/// repeat as deduplicated, so the same request can be sent again after a failure. Without one the client makes a
/// fresh id per call, which still makes its own retries safe.
/// </remarks>
public sealed class WorkflowTriggerRequest
{
    /// <summary>The most requests <see cref="RunsClient.TriggerAsync(IEnumerable{WorkflowTriggerRequest}, CancellationToken)"/> sends in one <c>POST /v2/batch/trigger</c>.</summary>
    /// <remarks>
    /// The service's reference names no limit for this endpoint; 50 is the limit of every list it documents (ids to
    /// resume, restart, delete or cancel), so a batch stays well inside what one request of the service carries.
    /// </remarks>
    public const int MaxPerRequest = 50;

    /// <summary>Creates a request to start a run of the workflow at <paramref name="workflowUrl"/>.</summary>
    /// <param name="workflowUrl">The workflow endpoint: an absolute http or https URL, checked when the call is made.</param>
    public WorkflowTriggerRequest(Uri workflowUrl)
    {
        ArgumentNullException.ThrowIfNull(workflowUrl);
        WorkflowUrl = workflowUrl;
    }

    /// <summary>Gets the workflow endpoint the run is delivered to.</summary>
    /// <remarks>
    /// An absolute http or https URL without user information (it would end up in logs) or fragment (never sent). A
    /// single trigger puts the URL in the request's path, where a query would be read as the trigger's own: trigger a URL
    /// with a query in a list, which carries it in the body.
    /// </remarks>
    public Uri WorkflowUrl { get; }

    /// <summary>Gets or sets the run's initial payload, which the workflow reads as its request payload; null sends none.</summary>
    /// <remarks>A list of triggers carries each body as JSON text, so there it must be valid UTF-8.</remarks>
    public WorkflowPayload? Body { get; set; }

    /// <summary>
    /// Gets headers forwarded to the workflow with every step (each sent as <c>Upstash-Forward-&lt;name&gt;</c>), names
    /// compared case-insensitively.
    /// </summary>
    /// <remarks>Names are HTTP tokens; values are ASCII without control characters.</remarks>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Gets or sets the run's id (<c>Upstash-Workflow-RunId</c>), sent as it is; null for one the client makes,
    /// <c>wfr_</c> and 21 random characters, as the official SDK makes them.
    /// </summary>
    /// <remarks>Not blank; ASCII without commas or control characters. Each id of a list must be different.</remarks>
    public string? WorkflowRunId { get; set; }

    /// <summary>Gets or sets how many times each step is retried (<c>Upstash-Retries</c>), 0 or more; null for the service's default (3).</summary>
    public int? Retries { get; set; }

    /// <summary>
    /// Gets or sets how long to wait between retries of a step (<c>Upstash-Retry-Delay</c>): an arithmetic expression
    /// giving milliseconds, of the variable <c>retried</c>, such as <c>1000 * (1 + retried)</c> (the grammar of
    /// <see cref="ResumeOptions.RetryDelay"/>); null for the service's exponential backoff.
    /// </summary>
    public string? RetryDelay { get; set; }

    /// <summary>
    /// Gets or sets how long the service waits before the first delivery (<c>Upstash-Delay</c>): whole seconds, zero or
    /// more; null delivers at once.
    /// </summary>
    /// <remarks>Not with <see cref="NotBefore"/>: give one or the other.</remarks>
    public TimeSpan? Delay { get; set; }

    /// <summary>
    /// Gets or sets the earliest time of the first delivery (<c>Upstash-Not-Before</c>, Unix seconds); null delivers at
    /// once.
    /// </summary>
    /// <remarks>
    /// A time between two seconds is sent as the next second, never earlier than asked. Not with <see cref="Delay"/>:
    /// the service would ignore the delay, so the pair is refused.
    /// </remarks>
    public DateTimeOffset? NotBefore { get; set; }

    /// <summary>Gets or sets the run's labels (<c>Upstash-Label</c>, comma-joined); null for none.</summary>
    /// <remarks>At least one when set; none blank, none with a comma or a control character, ASCII only.</remarks>
    public IReadOnlyList<string>? Labels { get; set; }

    /// <summary>
    /// Gets or sets the run's flow-control key and limits (<c>Upstash-Flow-Control-Key</c> and <c>-Value</c>); null for
    /// none.
    /// </summary>
    public FlowControl? FlowControl { get; set; }

    /// <summary>
    /// Gets or sets a URL the service calls when the run fails past its retries (<c>Upstash-Failure-Callback</c>): an
    /// absolute http or https URL; null calls the workflow's own failure function, if it has one.
    /// </summary>
    public Uri? FailureCallbackUrl { get; set; }

    /// <summary>
    /// The workflow URL's scheme, host, port and path, and the run id if one was given; never its user information or
    /// query, the body or the headers, which may hold secrets.
    /// </summary>
    /// <returns>For example <c>https://example.com/api/orders (run order-42)</c>.</returns>
    public override string ToString()
    {
        var url = WorkflowUrl.IsAbsoluteUri
            ? WorkflowUrl.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
            : "(a relative URL)";
        return WorkflowRunId is null ? url : $"{url} (run {WorkflowRunId})";
    }
}
