using BulkResume.Engine.Storage;

namespace BulkResume.Engine.Model;

/// <summary>
/// What an entry must be for every store to keep it alike: its indexed values (ids, workflow URL, labels, flow-control
/// key, caller IP) within <see cref="ValueLimits"/> and free of control characters, and no NUL anywhere in its text.
/// </summary>
/// <remarks>Fields are named as the API's DLQ message names them.</remarks>
internal static class DlqEntryRules
{
    /// <summary>The first problem of <paramref name="entry"/> as <c>field problem</c>, or <see langword="null"/>.</summary>
    public static string? Problem(DlqEntry entry) =>
        Key("dlqId", entry.DlqId, ValueLimits.MaxIdLength)
        ?? Key("workflowRunId", entry.WorkflowRunId, ValueLimits.MaxIdLength)
        ?? Key("workflowUrl", entry.WorkflowUrl, ValueLimits.MaxWorkflowUrlLength)
        ?? Keys("labels", entry.Labels)
        ?? OptionalKey("flowControlKey", entry.FlowControlKey)
        ?? OptionalKey("callerIP", entry.CallerIp)
        ?? Texts(
            ("messageId", entry.MessageId),
            ("url", entry.Url),
            ("method", entry.Method),
            ("body", entry.Body),
            ("bodyBase64", entry.BodyBase64),
            ("responseBody", entry.ResponseBody),
            ("responseBodyBase64", entry.ResponseBodyBase64),
            ("failureCallback", entry.FailureCallback),
            ("failureCallbackInfo.responseBody", entry.FailureCallbackInfo?.ResponseBody),
            ("retryDelay", entry.RetryDelay))
        ?? Headers("header", entry.Header)
        ?? Headers("responseHeader", entry.ResponseHeader)
        ?? Headers("failureCallbackHeader", entry.FailureCallbackHeader)
        ?? entry.Steps.Select(Step).FirstOrDefault(problem => problem is not null);

    private static string? Key(string field, string value, int maxLength) =>
        TextChecks.KeyProblem(value, maxLength) is { } problem ? $"{field} {problem}" : null;

    private static string? OptionalKey(string field, string? value) =>
        value is null ? null : Key(field, value, ValueLimits.MaxKeyLength);

    private static string? Keys(string field, IReadOnlyList<string> values) =>
        values.Select((value, i) => Key($"{field}[{i}]", value, ValueLimits.MaxKeyLength)).FirstOrDefault(problem => problem is not null);

    private static string? Texts(params (string Field, string? Value)[] texts) =>
        texts.Select(text => TextChecks.TextProblem(text.Value) is { } problem ? $"{text.Field} {problem}" : null)
            .FirstOrDefault(problem => problem is not null);

    private static string? Headers(string field, IReadOnlyDictionary<string, IReadOnlyList<string>> headers) =>
        headers.SelectMany(header => header.Value.Prepend(header.Key).Select(text => ($"{field}.{header.Key}", (string?)text)))
            .Select(text => Texts(text)).FirstOrDefault(problem => problem is not null);

    private static string? Step(StepRecord step, int index) =>
        Texts(
            ($"steps[{index}].stepName", step.StepName),
            ($"steps[{index}].out", step.Out),
            ($"steps[{index}].messageId", step.MessageId),
            ($"steps[{index}].callType", step.CallType),
            ($"steps[{index}].callUrl", step.Details?.CallUrl),
            ($"steps[{index}].callMethod", step.Details?.CallMethod),
            ($"steps[{index}].callBody", step.Details?.CallBody),
            ($"steps[{index}].callResponseBody", step.Details?.CallResponseBody),
            ($"steps[{index}].waitEventId", step.Details?.WaitEventId),
            ($"steps[{index}].invokedWorkflowRunId", step.Details?.InvokedWorkflowRunId),
            ($"steps[{index}].invokedWorkflowUrl", step.Details?.InvokedWorkflowUrl));
}
