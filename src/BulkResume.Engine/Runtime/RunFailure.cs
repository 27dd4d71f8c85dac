namespace BulkResume.Engine.Runtime;

/// <summary>Why an executed run failed, as its DLQ entry tells it: the response status and body, and the steps it had.</summary>
internal sealed record RunFailure(int ResponseStatus, string ResponseBody, IReadOnlyList<StepRecord> Steps)
{
    /// <summary>What the workflow's outcome makes of <paramref name="journal"/>'s run: <see langword="null"/> when it did not fail.</summary>
    public static RunFailure? Of(RunJournal journal, Exception? fault, Exception? thrown) => (fault, thrown) switch
    {
        (IncompatibleStepException incompatible, _) => new(400, incompatible.Message, journal.Run.Steps),
        (StepFailedException failed, _) => new(500, failed.Message, journal.StepsEndingWith(failed.FailedStep)),
        (_, { } other) => new(500, "The workflow failed outside its steps: " + FailureText.Describe(other), journal.Run.Steps),
        _ => null,
    };

    /// <summary>The DLQ entry of the failed <paramref name="run"/>, carrying over what it was started with.</summary>
    public DlqEntry ToEntry(RunRecord run, RunInput input, string dlqId, DateTimeOffset failedAt) => new()
    {
        DlqId = dlqId,
        MessageId = "msg_" + run.WorkflowRunId,
        WorkflowRunId = run.WorkflowRunId,
        WorkflowUrl = run.WorkflowUrl,
        WorkflowCreatedAt = run.CreatedAt,
        CreatedAt = failedAt,
        Url = run.WorkflowUrl,
        Header = input.Header,
        Body = input.Payload,
        MaxRetries = run.Configuration.Retries,
        CallerIp = run.CallerIp,
        Labels = run.Labels,
        FlowControlKey = run.Configuration.FlowControlKey,
        Parallelism = run.Configuration.Parallelism,
        Rate = run.Configuration.Rate,
        Period = run.Configuration.Period,
        ResponseStatus = ResponseStatus,
        ResponseBody = ResponseBody,
        FailureCallback = run.FailureFunction?.Url,
        RetryDelay = run.Configuration.RetryDelay,
        Steps = Steps,
    };
}
