using BulkResume.Internal.Wire;

namespace BulkResume;

/// <summary>Builds the SDK's response models and reports, for tests of code that consumes them (for example with a mocked <see cref="DlqClient"/>).</summary>
/// <remarks>Every public model the client returns or reports is built here or has a public constructor, as its exceptions do.</remarks>
public static class DlqModelFactory
{
    /// <summary>Creates a <see cref="ResumedRun"/>.</summary>
    /// <param name="workflowRunId">The new run's id.</param>
    /// <param name="workflowCreatedAt">When the new run was created.</param>
    /// <returns>The model.</returns>
    public static ResumedRun ResumedRun(string workflowRunId, DateTimeOffset workflowCreatedAt)
    {
        ArgumentNullException.ThrowIfNull(workflowRunId);
        return new ResumedRun(workflowRunId, workflowCreatedAt);
    }

    /// <summary>Creates a <see cref="BulkResume.DlqMessage"/>.</summary>
    /// <param name="dlqId">The entry's id.</param>
    /// <param name="workflowRunId">The failed run's id.</param>
    /// <param name="workflowUrl">The workflow's URL.</param>
    /// <param name="workflowCreatedAt">When the failed run was created.</param>
    /// <param name="createdAt">When the entry entered the DLQ.</param>
    /// <param name="messageId">The failed message's id.</param>
    /// <param name="notBefore">The earliest delivery time, if the message was delayed.</param>
    /// <param name="url">The URL the failed request was sent to.</param>
    /// <param name="method">The failed request's HTTP method.</param>
    /// <param name="header">The failed request's headers.</param>
    /// <param name="body">The failed request's body as text.</param>
    /// <param name="bodyBase64">The failed request's body as base64, for a body that is not UTF-8; wins over <paramref name="body"/> in <see cref="BulkResume.DlqMessage.GetBodyBytes"/>.</param>
    /// <param name="maxRetries">The failed step's most retries.</param>
    /// <param name="callerIp">The address the run was triggered from.</param>
    /// <param name="labels">The run's labels.</param>
    /// <param name="flowControlKey">The run's flow-control key.</param>
    /// <param name="parallelism">The flow-control parallelism.</param>
    /// <param name="rate">The flow-control rate.</param>
    /// <param name="period">The flow-control period.</param>
    /// <param name="responseStatus">The status the workflow endpoint answered.</param>
    /// <param name="responseHeader">The answer's headers.</param>
    /// <param name="responseBody">The answer's body as text.</param>
    /// <param name="responseBodyBase64">The answer's body as base64; wins over <paramref name="responseBody"/> in <see cref="BulkResume.DlqMessage.GetResponseBodyBytes"/>.</param>
    /// <param name="failureCallback">The failure callback's URL.</param>
    /// <param name="failureCallbackInfo">What happened to the failure callback (see <see cref="FailureCallbackInfo"/>).</param>
    /// <param name="failureCallbackState">The callback's state; when null, the state of <paramref name="failureCallbackInfo"/>, as the client reads the wire.</param>
    /// <returns>The model.</returns>
    /// <remarks>What is not given is empty, or null where the model allows it.</remarks>
    public static DlqMessage DlqMessage(
        string dlqId,
        string? workflowRunId = null,
        string? workflowUrl = null,
        DateTimeOffset workflowCreatedAt = default,
        DateTimeOffset createdAt = default,
        string? messageId = null,
        DateTimeOffset? notBefore = null,
        string? url = null,
        string? method = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? header = null,
        string? body = null,
        string? bodyBase64 = null,
        int? maxRetries = null,
        string? callerIp = null,
        IEnumerable<string>? labels = null,
        string? flowControlKey = null,
        int? parallelism = null,
        int? rate = null,
        TimeSpan? period = null,
        int? responseStatus = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? responseHeader = null,
        string? responseBody = null,
        string? responseBodyBase64 = null,
        string? failureCallback = null,
        FailureCallbackInfo? failureCallbackInfo = null,
        FailureCallbackState? failureCallbackState = null)
    {
        ArgumentNullException.ThrowIfNull(dlqId);
        return new DlqMessage(
            dlqId,
            messageId ?? string.Empty,
            workflowRunId ?? string.Empty,
            workflowUrl ?? string.Empty,
            workflowCreatedAt,
            createdAt,
            notBefore,
            url ?? string.Empty,
            method ?? string.Empty,
            WireValues.Headers(header),
            body,
            bodyBase64,
            maxRetries,
            callerIp,
            WireValues.Labels(label: null, labels),
            flowControlKey,
            parallelism,
            rate,
            period,
            responseStatus,
            WireValues.Headers(responseHeader),
            responseBody,
            responseBodyBase64,
            failureCallback,
            failureCallbackInfo,
            failureCallbackState ?? failureCallbackInfo?.State);
    }

    /// <summary>Creates a <see cref="BulkResume.FailureCallbackInfo"/>.</summary>
    /// <param name="state">The callback's state (any wire value, such as <c>new FailureCallbackState("CALLBACK_NEW")</c>), or null when the service did not say.</param>
    /// <param name="responseStatus">The status the callback answered.</param>
    /// <param name="responseBody">The body the callback answered.</param>
    /// <param name="responseHeaders">The headers the callback answered.</param>
    /// <returns>The model.</returns>
    public static FailureCallbackInfo FailureCallbackInfo(
        FailureCallbackState? state,
        int? responseStatus = null,
        string? responseBody = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? responseHeaders = null) =>
        new(state, responseStatus, responseBody, WireValues.Headers(responseHeaders));

    /// <summary>Creates a <see cref="BulkResume.WorkflowRun"/>.</summary>
    /// <param name="workflowRunId">The run's id.</param>
    /// <param name="state">The run's state (any wire value), or null when the service did not say.</param>
    /// <param name="steps">The run's steps, in order, each as a sequential group of its own; pass <paramref name="stepGroups"/> instead for parallel or next groups.</param>
    /// <param name="workflowUrl">The workflow's URL.</param>
    /// <param name="createdAt">When the run was created.</param>
    /// <param name="completedAt">When the run finished, or null while it runs.</param>
    /// <param name="dlqId">The run's DLQ entry, if it failed into the DLQ.</param>
    /// <param name="stepGroups">The run's steps in groups, in order (see <see cref="WorkflowStepGroup"/>); <see cref="BulkResume.WorkflowRun.Steps"/> is their steps.</param>
    /// <param name="labels">The run's labels.</param>
    /// <param name="callerIp">The address the run was triggered from.</param>
    /// <param name="response">What the run returned.</param>
    /// <param name="invoker">The run that invoked this one (see <see cref="WorkflowInvoker"/>).</param>
    /// <param name="failureFunction">The run's failure callback (see <see cref="FailureFunctionInfo"/>).</param>
    /// <param name="flowControlKey">The run's flow-control key.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentException">Both <paramref name="steps"/> and <paramref name="stepGroups"/> are given.</exception>
    /// <remarks>What is not given is empty, or null where the model allows it.</remarks>
    public static WorkflowRun WorkflowRun(
        string workflowRunId,
        WorkflowRunState? state,
        IEnumerable<WorkflowStep>? steps = null,
        string? workflowUrl = null,
        DateTimeOffset createdAt = default,
        DateTimeOffset? completedAt = null,
        string? dlqId = null,
        IEnumerable<WorkflowStepGroup>? stepGroups = null,
        IEnumerable<string>? labels = null,
        string? callerIp = null,
        string? response = null,
        WorkflowInvoker? invoker = null,
        FailureFunctionInfo? failureFunction = null,
        string? flowControlKey = null)
    {
        ArgumentNullException.ThrowIfNull(workflowRunId);
        if (steps is not null && stepGroups is not null)
        {
            throw new ArgumentException("Pass the steps either as steps (each a sequential group) or as stepGroups, not both: the run's Steps are its groups' steps.", nameof(stepGroups));
        }

        return new WorkflowRun
        {
            WorkflowRunId = workflowRunId,
            WorkflowUrl = workflowUrl ?? string.Empty,
            State = state,
            CreatedAt = createdAt,
            CompletedAt = completedAt,
            StepGroups = stepGroups?.ToArray() ?? steps?.Select(step => new WorkflowStepGroup(WorkflowStepGroupKind.Sequential, [step])).ToArray() ?? [],
            DlqId = dlqId,
            Labels = WireValues.Labels(label: null, labels),
            CallerIp = callerIp,
            Response = response,
            Invoker = invoker,
            FailureFunction = failureFunction,
            FlowControlKey = flowControlKey,
        };
    }

    /// <summary>Creates a <see cref="BulkResume.WorkflowStepGroup"/>.</summary>
    /// <param name="kind">How the steps ran (any wire value), or null when the service did not say.</param>
    /// <param name="steps">The group's steps, in order.</param>
    /// <returns>The model.</returns>
    public static WorkflowStepGroup WorkflowStepGroup(WorkflowStepGroupKind? kind, IEnumerable<WorkflowStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return new WorkflowStepGroup(kind, steps.ToArray());
    }

    /// <summary>Creates a <see cref="BulkResume.WorkflowInvoker"/>.</summary>
    /// <param name="workflowRunId">The invoking run's id.</param>
    /// <param name="workflowUrl">The invoking workflow's URL.</param>
    /// <param name="createdAt">When the invoking run was created.</param>
    /// <returns>The model.</returns>
    public static WorkflowInvoker WorkflowInvoker(string workflowRunId, string? workflowUrl = null, DateTimeOffset createdAt = default)
    {
        ArgumentNullException.ThrowIfNull(workflowRunId);
        return new WorkflowInvoker(workflowRunId, workflowUrl ?? string.Empty, createdAt);
    }

    /// <summary>Creates a <see cref="BulkResume.FailureFunctionInfo"/>.</summary>
    /// <param name="state">The callback's state (any wire value, such as <c>new FailureCallbackState("CALLBACK_NEW")</c>), or null when the service did not say.</param>
    /// <param name="url">The callback's URL.</param>
    /// <param name="messageId">The id of the callback's message.</param>
    /// <param name="dlqId">The callback's DLQ entry, when it failed.</param>
    /// <param name="failHeaders">The headers the failed step answered.</param>
    /// <param name="failStatus">The status the failed step answered.</param>
    /// <param name="failResponse">The body the failed step answered.</param>
    /// <param name="responseBody">The body the callback answered.</param>
    /// <param name="responseHeaders">The headers the callback answered.</param>
    /// <param name="responseStatus">The status the callback answered.</param>
    /// <param name="maxRetries">The most retries of the callback.</param>
    /// <returns>The model.</returns>
    /// <remarks>What is not given is null or empty.</remarks>
    public static FailureFunctionInfo FailureFunctionInfo(
        FailureCallbackState? state,
        string? url = null,
        string? messageId = null,
        string? dlqId = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? failHeaders = null,
        int? failStatus = null,
        string? failResponse = null,
        string? responseBody = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? responseHeaders = null,
        int? responseStatus = null,
        int? maxRetries = null) => new()
        {
            State = state,
            Url = url,
            MessageId = messageId,
            DlqId = dlqId,
            FailHeaders = WireValues.Headers(failHeaders),
            FailStatus = failStatus,
            FailResponse = failResponse,
            ResponseBody = responseBody,
            ResponseHeaders = WireValues.Headers(responseHeaders),
            ResponseStatus = responseStatus,
            MaxRetries = maxRetries,
        };

    /// <summary>Creates a <see cref="BulkResume.WorkflowStep"/>.</summary>
    /// <param name="stepId">The step's id within its run; null for the Initial step.</param>
    /// <param name="stepName">The step's name.</param>
    /// <param name="stepType">What the step does (any wire value), or null when the service did not say.</param>
    /// <param name="state">The step's state (any wire value), or null when the service did not say.</param>
    /// <param name="output">The step's output, if any.</param>
    /// <param name="concurrent">How many steps ran in parallel with it (1 when sequential).</param>
    /// <param name="createdAt">When the step was created.</param>
    /// <param name="callType">The kind of call that delivered the step.</param>
    /// <param name="messageId">The id of the step's message.</param>
    /// <param name="retries">The most retries of the step.</param>
    /// <param name="retryDelay">The step's retry-delay expression.</param>
    /// <param name="nextDeliveryTime">When the step is next delivered.</param>
    /// <param name="callUrl">The URL a Call step called.</param>
    /// <param name="callMethod">The HTTP method of a Call step.</param>
    /// <param name="callBody">The body a Call step sent.</param>
    /// <param name="callHeaders">The headers a Call step sent.</param>
    /// <param name="callResponseStatus">The status a Call step's URL answered.</param>
    /// <param name="callResponseBody">The body a Call step's URL answered.</param>
    /// <param name="callResponseHeaders">The headers a Call step's URL answered.</param>
    /// <param name="waitEventId">The event a Wait step waits for.</param>
    /// <param name="waitTimedOut">Whether a Wait step timed out.</param>
    /// <param name="invokedWorkflowRunId">The run an Invoke step started.</param>
    /// <param name="invokedWorkflowUrl">The workflow an Invoke step invoked.</param>
    /// <returns>The model.</returns>
    /// <remarks>What is not given is null or empty.</remarks>
    public static WorkflowStep WorkflowStep(
        long? stepId,
        string stepName,
        WorkflowStepType? stepType,
        WorkflowStepState? state,
        string? output = null,
        int concurrent = 1,
        DateTimeOffset createdAt = default,
        string? callType = null,
        string? messageId = null,
        int? retries = null,
        string? retryDelay = null,
        DateTimeOffset? nextDeliveryTime = null,
        string? callUrl = null,
        string? callMethod = null,
        string? callBody = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? callHeaders = null,
        int? callResponseStatus = null,
        string? callResponseBody = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? callResponseHeaders = null,
        string? waitEventId = null,
        bool? waitTimedOut = null,
        string? invokedWorkflowRunId = null,
        string? invokedWorkflowUrl = null)
    {
        ArgumentNullException.ThrowIfNull(stepName);
        return new WorkflowStep
        {
            StepId = stepId,
            StepName = stepName,
            StepType = stepType,
            State = state,
            Output = output,
            Concurrent = concurrent,
            CreatedAt = createdAt,
            CallType = callType,
            MessageId = messageId,
            Retries = retries,
            RetryDelay = retryDelay,
            NextDeliveryTime = nextDeliveryTime,
            CallUrl = callUrl,
            CallMethod = callMethod,
            CallBody = callBody,
            CallHeaders = WireValues.Headers(callHeaders),
            CallResponseStatus = callResponseStatus,
            CallResponseBody = callResponseBody,
            CallResponseHeaders = WireValues.Headers(callResponseHeaders),
            WaitEventId = waitEventId,
            WaitTimedOut = waitTimedOut,
            InvokedWorkflowRunId = invokedWorkflowRunId,
            InvokedWorkflowUrl = invokedWorkflowUrl,
        };
    }

    /// <summary>Creates a <see cref="BulkResume.BulkAction"/>, for example to return from a mocked <see cref="BulkActionOperation"/> or <see cref="BulkActionsClient"/>.</summary>
    /// <param name="actionId">The action's id.</param>
    /// <param name="kind">What it does (any wire value, such as <c>new BulkActionKind("archive")</c>).</param>
    /// <param name="state">Whether it runs or has finished (any wire value).</param>
    /// <param name="total">How many entries matched when it was created.</param>
    /// <param name="processed">How many it has acted on.</param>
    /// <param name="createdAt">When it was created.</param>
    /// <param name="completedAt">When it finished, or null while it runs.</param>
    /// <param name="filter">The selection as the service received it: parameter name to values; null for none.</param>
    /// <returns>The model.</returns>
    public static BulkAction BulkAction(
        string actionId,
        BulkActionKind kind,
        BulkActionState state,
        long total = 0,
        long processed = 0,
        DateTimeOffset createdAt = default,
        DateTimeOffset? completedAt = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? filter = null)
    {
        ArgumentNullException.ThrowIfNull(actionId);
        return new BulkAction
        {
            ActionId = actionId,
            Kind = kind,
            State = state,
            Total = total,
            Processed = processed,
            CreatedAt = createdAt,
            CompletedAt = completedAt,
            Filter = filter is null ? BulkResume.BulkAction.NoFilter : new Dictionary<string, IReadOnlyList<string>>(filter, StringComparer.Ordinal),
        };
    }

    /// <summary>Creates a <see cref="BulkResume.RateLimitInfo"/>, for example to build a <see cref="RateLimitedException"/>.</summary>
    /// <param name="limit">The number of requests the window allows.</param>
    /// <param name="remaining">The requests left in the window.</param>
    /// <param name="reset">When the window resets.</param>
    /// <param name="retryAfter">The <c>Retry-After</c> delay.</param>
    /// <param name="isBurstLimit"><see langword="true"/> for the per-second burst limit, <see langword="false"/> for the daily limit.</param>
    /// <returns>The model.</returns>
    public static RateLimitInfo RateLimitInfo(long? limit = null, long? remaining = null, DateTimeOffset? reset = null, TimeSpan? retryAfter = null, bool isBurstLimit = false) =>
        new(limit, remaining, reset, retryAfter, isBurstLimit);

    /// <summary>Creates an <see cref="BulkResume.UnknownPageOutcome"/>, for example to feed <see cref="ResumeOptions.OnUnknownOutcome"/> in a test.</summary>
    /// <param name="requestPath">The operation's path, for example <c>/v2/workflows/dlq/resume</c>.</param>
    /// <param name="cursor">The cursor the page was requested at; null for the first page.</param>
    /// <param name="maxAffectedCount">The most entries the lost attempt can have acted on: its page size.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxAffectedCount"/> is negative.</exception>
    public static UnknownPageOutcome UnknownPageOutcome(string requestPath, string? cursor, int maxAffectedCount)
    {
        ArgumentNullException.ThrowIfNull(requestPath);
        ArgumentOutOfRangeException.ThrowIfNegative(maxAffectedCount);
        return new UnknownPageOutcome(requestPath, cursor, maxAffectedCount);
    }

    /// <summary>Creates a <see cref="BulkResume.BulkCancelResult"/>, for example as the answer of a mocked <see cref="RunsClient.BulkCancelAsync"/>.</summary>
    /// <param name="canceledCount">How many runs the service said it canceled.</param>
    /// <param name="mayHaveCanceledMore">Whether an attempt's answer was lost, so that more runs may have been canceled.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="canceledCount"/> is negative.</exception>
    public static BulkCancelResult BulkCancelResult(long canceledCount, bool mayHaveCanceledMore = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(canceledCount);
        return new BulkCancelResult(canceledCount, mayHaveCanceledMore);
    }

    /// <summary>Creates a <see cref="BulkResume.TriggeredRun"/>.</summary>
    /// <param name="workflowRunId">The run's id.</param>
    /// <param name="workflowCreatedAt">When the run was created.</param>
    /// <param name="deduplicated">Whether the service already had a run with this id.</param>
    /// <returns>The model.</returns>
    public static TriggeredRun TriggeredRun(string workflowRunId, DateTimeOffset workflowCreatedAt, bool deduplicated = false)
    {
        ArgumentNullException.ThrowIfNull(workflowRunId);
        return new TriggeredRun(workflowRunId, workflowCreatedAt, deduplicated);
    }

    /// <summary>Creates an <see cref="BulkResume.EventWaiter"/>.</summary>
    /// <param name="url">The URL the notification is delivered to.</param>
    /// <param name="headers">The headers delivered with it; null for none.</param>
    /// <param name="deadline">When the wait times out.</param>
    /// <param name="timeoutBody">The body delivered on a timeout; empty for none.</param>
    /// <param name="timeoutUrl">The URL called on a timeout.</param>
    /// <param name="timeoutHeaders">The headers sent with the timeout call; null for none.</param>
    /// <returns>The model.</returns>
    public static EventWaiter EventWaiter(
        string? url = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? headers = null,
        DateTimeOffset? deadline = null,
        ReadOnlyMemory<byte> timeoutBody = default,
        string? timeoutUrl = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? timeoutHeaders = null) =>
        new(url, WireValues.Headers(headers), deadline, timeoutBody, timeoutUrl, WireValues.Headers(timeoutHeaders));

    /// <summary>Creates a <see cref="BulkResume.NotifiedWaiter"/>.</summary>
    /// <param name="waiter">The waiter notified.</param>
    /// <param name="messageId">The id of the message that delivers the event.</param>
    /// <param name="deduplicated">Whether the message was already sent.</param>
    /// <param name="error">Why the waiter could not be notified; null when it was.</param>
    /// <param name="workflowRunId">The waiting run's id.</param>
    /// <param name="workflowCreatedAt">When the waiting run was created.</param>
    /// <returns>The model.</returns>
    public static NotifiedWaiter NotifiedWaiter(
        EventWaiter? waiter = null,
        string? messageId = null,
        bool deduplicated = false,
        string? error = null,
        string? workflowRunId = null,
        DateTimeOffset? workflowCreatedAt = null) =>
        new(waiter, messageId, deduplicated, error, workflowRunId, workflowCreatedAt);

    /// <summary>Creates a <see cref="BulkResume.NotifyResult"/>.</summary>
    /// <param name="waiters">The waiters notified.</param>
    /// <param name="mayHaveNotifiedMore">Whether a lost answer may hide waiters notified.</param>
    /// <returns>The model.</returns>
    public static NotifyResult NotifyResult(IEnumerable<NotifiedWaiter> waiters, bool mayHaveNotifiedMore = false)
    {
        ArgumentNullException.ThrowIfNull(waiters);
        return new NotifyResult([.. waiters], mayHaveNotifiedMore);
    }
}
