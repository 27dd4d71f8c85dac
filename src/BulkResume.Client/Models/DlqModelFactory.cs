using BulkResume.Internal.Wire;

namespace BulkResume;

/// <summary>Builds the SDK's response models, for tests of code that consumes them (for example with a mocked <see cref="DlqClient"/>).</summary>
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

    /// <summary>Creates a <see cref="BulkResume.DlqMessage"/>. What is not given is empty, or null where the model allows it.</summary>
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
    /// <param name="state">The callback's state, or null for an unknown one.</param>
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
    /// <param name="state">The run's state, or null for an unknown one.</param>
    /// <param name="steps">The run's steps, in order (see <see cref="WorkflowStep"/>); none when null.</param>
    /// <param name="workflowUrl">The workflow's URL.</param>
    /// <param name="createdAt">When the run was created.</param>
    /// <param name="completedAt">When the run finished, or null while it runs.</param>
    /// <param name="dlqId">The run's DLQ entry, if it failed into the DLQ.</param>
    /// <returns>The model.</returns>
    public static WorkflowRun WorkflowRun(
        string workflowRunId,
        WorkflowRunState? state,
        IEnumerable<WorkflowStep>? steps = null,
        string? workflowUrl = null,
        DateTimeOffset createdAt = default,
        DateTimeOffset? completedAt = null,
        string? dlqId = null)
    {
        ArgumentNullException.ThrowIfNull(workflowRunId);
        return new WorkflowRun(workflowRunId, workflowUrl ?? string.Empty, state, createdAt, completedAt, steps?.ToArray() ?? [], dlqId);
    }

    /// <summary>Creates a <see cref="BulkResume.WorkflowStep"/>.</summary>
    /// <param name="stepId">The step's id within its run.</param>
    /// <param name="stepName">The step's name.</param>
    /// <param name="stepType">What the step does, or null for an unknown type.</param>
    /// <param name="state">The step's state, or null for an unknown one.</param>
    /// <param name="output">The step's output, if any.</param>
    /// <param name="concurrent">How many steps ran in parallel with it (1 when sequential).</param>
    /// <param name="createdAt">When the step was created.</param>
    /// <returns>The model.</returns>
    public static WorkflowStep WorkflowStep(
        long stepId,
        string stepName,
        WorkflowStepType? stepType,
        WorkflowStepState? state,
        string? output = null,
        int concurrent = 1,
        DateTimeOffset createdAt = default)
    {
        ArgumentNullException.ThrowIfNull(stepName);
        return new WorkflowStep(stepId, stepName, stepType, output, concurrent, state, createdAt);
    }
}
