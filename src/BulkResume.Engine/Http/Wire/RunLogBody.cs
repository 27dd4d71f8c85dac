namespace BulkResume.Engine.Http.Wire;

/// <summary>
/// One run in the run logs (<c>RunRecord</c>): ids, state (<c>RUN_*</c>), times in Unix ms, caller, failure callback,
/// labels (<c>label</c> is the first, for callers that know one), flow-control key, and the steps in groups.
/// </summary>
internal sealed class RunLogBody
{
    public required string WorkflowRunId { get; init; }

    public required string WorkflowUrl { get; init; }

    public required string WorkflowState { get; init; }

    public required long WorkflowRunCreatedAt { get; init; }

    public long? WorkflowRunCompletedAt { get; init; }

    public string? WorkflowRunCallerIp { get; init; }

    public string? WorkflowRunResponse { get; init; }

    public FailureFunctionBody? FailureFunction { get; init; }

    public string? DlqId { get; init; }

    public string? Label { get; init; }

    public IReadOnlyList<string>? Labels { get; init; }

    public string? FlowControlKey { get; init; }

    public required IReadOnlyList<StepGroupBody> Steps { get; init; }

    public static RunLogBody From(RunRecord run, BodyTrim trim) => new()
    {
        WorkflowRunId = run.WorkflowRunId,
        WorkflowUrl = run.WorkflowUrl,
        WorkflowState = WireNames.Of(run.State),
        WorkflowRunCreatedAt = run.CreatedAt.ToUnixTimeMilliseconds(),
        WorkflowRunCompletedAt = run.CompletedAt?.ToUnixTimeMilliseconds(),
        WorkflowRunCallerIp = run.CallerIp,
        WorkflowRunResponse = trim.Apply(run.Response),
        FailureFunction = run.FailureFunction is { } function ? FailureFunctionBody.From(function, trim) : null,
        DlqId = run.DlqId,
        Label = run.Labels.Count > 0 ? run.Labels[0] : null,
        Labels = run.Labels.Count > 0 ? run.Labels : null,
        FlowControlKey = run.Configuration.FlowControlKey,
        Steps = StepGroupBody.Of(run, trim),
    };
}
